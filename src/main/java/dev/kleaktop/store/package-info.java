/**
 * Snapshot files: the versioned json that keeps raw samples (never derived figures), strict
 * loading with one typed error, atomic no-clobber writes, and the listing of a snapshot
 * directory. {@link dev.kleaktop.store.DirWriter} writes every file kleaktop writes (the
 * export's textfile too) so that no other user can steer a write of root's.
 */
package dev.kleaktop.store;
