package io.semhash.pipeline;

import java.util.Map;

/**
 * What {@code semhash build} did.
 *
 * @param documents documents indexed
 * @param bits code length
 * @param estimator estimator trained with
 * @param testPrecisionAt100 P@100 of the test split against the train split, null without labels
 * @param stageSeconds wall time per stage, in order
 */
public record BuildSummary(
    String index, int documents, int bits, String estimator, Double testPrecisionAt100, Map<String, Double> stageSeconds) {}
