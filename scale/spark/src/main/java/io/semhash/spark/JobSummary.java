package io.semhash.spark;

import java.util.List;
import java.util.Map;

/**
 * What a {@link BuildIndexJob} did, printed at the end (as text, or as JSON with {@code --json}).
 *
 * @param read documents read from the corpus
 * @param skipped records skipped, by reason (empty documents, blank lines, and with {@code
 *     --skip-bad} malformed records)
 * @param replaced earlier documents dropped for a later one with the same id ({@code --last-wins})
 * @param encoded documents encoded and stored, in all shards
 * @param shardDocuments documents per shard, in shard order
 * @param stageSeconds wall time per stage, in order
 */
public record JobSummary(String index, int bits, long read, Map<String, Long> skipped, long replaced, long encoded,
    List<Long> shardDocuments, Map<String, Double> stageSeconds, double documentsPerSecond) {}
