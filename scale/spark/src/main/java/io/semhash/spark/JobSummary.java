package io.semhash.spark;

import java.util.List;
import java.util.Map;

/**
 * What a {@link BuildIndexJob} did, printed at the end (as text, or as JSON with {@code --json}).
 *
 * @param index the sharded index directory written ({@code --out}), or null
 * @param collection the SolrCloud collection written into ({@code --solr}), or null
 * @param read documents read from the corpus
 * @param skipped records skipped, by reason (empty documents, blank lines, and with {@code
 *     --skip-bad} malformed records)
 * @param replaced earlier documents dropped for a later one with the same id ({@code --last-wins})
 * @param encoded documents encoded, in all shards (Spark drops what a failed task attempt counted)
 * @param shardDocuments documents per shard, in shard order (with {@code --solr}, hash order)
 * @param stored documents the collection holds after the commit ({@code --solr}), or null
 * @param stageSeconds wall time per stage, in order
 */
public record JobSummary(String index, String collection, int bits, long read, Map<String, Long> skipped, long replaced,
    long encoded, List<Long> shardDocuments, Long stored, Map<String, Double> stageSeconds, double documentsPerSecond) {}
