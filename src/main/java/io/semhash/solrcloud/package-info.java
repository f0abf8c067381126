/**
 * The SolrCloud backend: a collection made from semhash's configset, searched through the semhash
 * Solr plugin's {@code hamming} query parser and Solr's BM25, reached over SolrJ's JDK HTTP client
 * with failover between the cluster's nodes; creating such collections and checking them.
 *
 * <p>May use: {@code backend}, {@code codes}, {@code corpus}, {@code index} (its limits), {@code
 * store} (the excerpter), {@code text} (the analyzer excerpts are cut with); SolrJ (its {@code
 * HttpJdkSolrClient}, never its Jetty-based clients, which are not on the class path).
 */
package io.semhash.solrcloud;
