package io.semhash.model;

/**
 * What one training epoch did, kept in the model manifest and drawn on the stats page.
 *
 * @param epoch 1-based
 * @param loss mean negative ELBO per document: reconstruction + β·KL (neighbour term excluded)
 * @param reconstruction mean −Σ count·log p(w | x) per document
 * @param kl mean KL(q ‖ Bernoulli(½)) per document
 * @param validationPrecision P@100 on the validation part of the train split
 * @param seconds wall time of the epoch's training steps
 */
public record EpochRecord(int epoch, double loss, double reconstruction, double kl, double validationPrecision, double seconds) {}
