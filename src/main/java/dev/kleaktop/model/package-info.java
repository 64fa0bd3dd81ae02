/** Immutable records of what was read from the kernel: values, safe to hand between threads. */
package dev.kleaktop.model;
