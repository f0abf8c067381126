/**
 * The document store on Lucene: stored fields (id, title, text, labels, split) under the number
 * the caller gives each document, label filters and counts, BM25 keyword search, and plain-text
 * excerpts.
 *
 * <p>May use: {@code corpus}, {@code text} (the analyzer), Lucene. Must not use: models, codes,
 * indexes.
 */
package io.semhash.store;
