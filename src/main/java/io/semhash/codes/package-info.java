/**
 * Packed bit codes and their Hamming distance: {@link io.semhash.codes.BitCode} (one code, with
 * the project's bit order and hex form) and {@link io.semhash.codes.CodeArray} (many codes in one
 * {@code long[]}); code shapes, the categorical reading of the same bits ({@link
 * io.semhash.codes.CodeShape}: groups of log2 C bits), their symbol distance ({@link
 * io.semhash.codes.SymbolDistance}, the packed kernel) and the code a model makes, as manifests
 * record it and with how logits become it ({@link io.semhash.codes.CodeSpec}); the asymmetric
 * distance of a stored code from a query still held as logits (bits, or each group's classes) ({@link
 * io.semhash.codes.AsymmetricDistance}).
 *
 * <p>May use: nothing of the project. Must not use: text, models, indexes; codes are plain bits.
 */
package io.semhash.codes;
