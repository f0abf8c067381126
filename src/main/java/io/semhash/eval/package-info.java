/**
 * Retrieval evaluation: the evaluation protocol ({@link io.semhash.eval.RetrievalProtocol}, the
 * only place it is coded), relevance by shared labels, P@k and mAP@k, Hamming ranking, and the
 * LSH baseline.
 *
 * <p>May use: {@code codes}, {@code corpus}, {@code index}, {@code text}. Must not use: models or
 * training (a model's figures are computed by the pipeline, which hands codes in), ND4J.
 */
package io.semhash.eval;
