/** Pure text-to-model parsers, no I/O: every one is tested on real captured kernel output. */
package dev.kleaktop.source.parse;
