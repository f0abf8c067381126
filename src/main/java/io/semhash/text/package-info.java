/**
 * Text to vectors: the one Lucene analyzer of the project (tokens, optional Porter stems), the
 * vocabulary fitted on the train split, sparse counts and tf-idf vectors, and exact cosine k-NN
 * over them (the neighbour term's graph and the tf-idf baseline).
 *
 * <p>May use: {@code corpus}, {@code progress}, Lucene analysis. Must not use: models, indexes,
 * the store.
 */
package io.semhash.text;
