/**
 * The query pipeline behind the HTTP API and the {@code search} command: a
 * {@link io.semhash.search.SearchService} encodes queries and documents with the model and asks a
 * {@link io.semhash.backend.SearchBackend} for codes, keywords and documents; hybrid fusion,
 * explanations and the stats each have a class of their own. The keyword-only service answers
 * from a store when there is no model.
 *
 * <p>May use: {@code backend}, {@code codes}, {@code corpus}, {@code explain}, {@code index},
 * {@code indexdir} (to open a local directory), {@code model}, {@code store}. Must not use:
 * training, DL4J, the HTTP layer.
 */
package io.semhash.search;
