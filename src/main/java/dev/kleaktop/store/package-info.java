/**
 * Snapshot files: the versioned json that keeps raw samples (never derived figures), strict
 * loading with one typed error, atomic no-clobber writes, and the listing of a snapshot
 * directory.
 */
package dev.kleaktop.store;
