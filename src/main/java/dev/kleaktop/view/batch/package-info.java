/** Batch-mode writers (text, json, csv) over the shared column and field definitions. */
package dev.kleaktop.view.batch;
