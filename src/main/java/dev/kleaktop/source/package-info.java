/**
 * The only code that touches files: one narrow layer rooted at {@code --root}. Readers turn
 * file text into model records through the pure parsers in {@code source.parse}.
 */
package dev.kleaktop.source;
