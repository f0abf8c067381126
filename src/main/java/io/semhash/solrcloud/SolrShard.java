package io.semhash.solrcloud;

/**
 * One active shard of a collection: its name and the compositeId hash range it holds, {@code [min,
 * max]} inclusive, as signed 32-bit hashes (Solr writes them as unsigned hex, {@code
 * 80000000-ffffffff}).
 */
public record SolrShard(String name, int min, int max) {}
