package io.semhash.training;

import io.semhash.model.SparseEncoder;

/**
 * Scores the current encoder on held-out data after each epoch, for model selection and early
 * stopping (the evaluation package supplies the retrieval-precision implementation, so this
 * package does not depend on it). Higher is better.
 */
@FunctionalInterface
public interface ValidationScorer {
  double score(SparseEncoder encoder);
}
