/** picocli commands and mixins, the version provider and the mapping of failures to exit codes. */
package dev.kleaktop.cli;
