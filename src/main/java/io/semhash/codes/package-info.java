/**
 * Packed bit codes and their Hamming distance: {@link io.semhash.codes.BitCode} (one code, with
 * the project's bit order and hex form) and {@link io.semhash.codes.CodeArray} (many codes in one
 * {@code long[]}).
 *
 * <p>May use: nothing of the project. Must not use: text, models, indexes; codes are plain bits.
 */
package io.semhash.codes;
