/**
 * The hashing model as it is served: what a model directory holds and how it is read, checked
 * and used to encode text.
 *
 * <ul>
 *   <li>{@link io.semhash.model.HashingModel}: vocabulary and vectorizer, weights and manifest;
 *       writes a model directory atomically and loads one with every file checked against the
 *       manifest's checksums.
 *   <li>{@link io.semhash.model.ModelWeights}: the trained matrices as plain data, in semhash's
 *       own {@code weights.bin} format; {@link io.semhash.model.ModelManifest} ({@code
 *       manifest.json}) with {@link io.semhash.model.TrainingOptions} and the per-epoch {@link
 *       io.semhash.model.EpochRecord}s.
 *   <li>{@link io.semhash.model.SparseEncoder}: the encoder in plain Java on sparse input, the
 *       only way codes are computed at serve and index time.
 *   <li>the code a model makes and how its logits become it is {@code io.semhash.codes.CodeSpec},
 *       recorded in {@link io.semhash.model.TrainingOptions}.
 * </ul>
 *
 * <p>May use: {@code text} (vocabulary, analyzer, vectors), {@code codes}, {@code files} and
 * Jackson. Must not use: DL4J, ND4J or the native libraries ({@code org.deeplearning4j},
 * {@code org.nd4j}, {@code org.bytedeco}), nor the packages built on them ({@code training},
 * {@code estimator}): a model directory is loaded and encodes with those jars absent from the
 * class path, so that an indexing job or a search node carries none of them
 * ({@code EncodingWithoutDl4jTest} runs it so). The training package writes into this one, never
 * the other way round.
 */
package io.semhash.model;
