/**
 * Reading corpora: the {@link io.semhash.corpus.Document} record and one reader per format
 * (JSON Lines, folder trees, {@code .tar.gz} archives), the id-hash split for documents without
 * one, and the report of what was read and skipped. Errors name the file and line.
 *
 * <p>May use: nothing of the project. Must not use: text analysis, models, indexes.
 */
package io.semhash.corpus;
