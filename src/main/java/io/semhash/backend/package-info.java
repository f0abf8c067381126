/**
 * The backend interface: where documents and their codes live, seen from the query pipeline.
 * {@link io.semhash.backend.SearchBackend} is implemented by the local index directory
 * ({@code io.semhash.indexdir}) and by a SolrCloud collection ({@code io.semhash.solrcloud}).
 *
 * <p>May use: {@code codes}, {@code corpus}. Must not use: models, text analysis, the index or
 * store implementations, the HTTP layer; a backend receives codes computed by the caller.
 */
package io.semhash.backend;
