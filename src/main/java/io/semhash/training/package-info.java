/**
 * Training the hashing model: the VAE as a DL4J network and everything that makes its step fast.
 *
 * <ul>
 *   <li>{@link io.semhash.training.HashingTrainer}: mini-batches, validation after every epoch,
 *       early stopping, the best epoch's weights as {@link io.semhash.model.ModelWeights}.
 *   <li>{@link io.semhash.training.VaeNetwork}: builds the network from the training options and
 *       copies its weights out into the model's format.
 *   <li>Its layers: the sparse-input first layer ({@link io.semhash.training.SparseDenseLayer}),
 *       the hidden layers ({@link io.semhash.training.SingleForwardDenseLayer}), the binary latent
 *       layer with the gradient estimator ({@link io.semhash.training.BinaryLatentLayer}), the
 *       decoder ({@link io.semhash.training.SoftmaxDecoderLayer}, {@link
 *       io.semhash.training.CountMultinomialLoss}).
 *   <li>The step: {@link io.semhash.training.FastAdam}, {@link io.semhash.training.FusedStepNetwork},
 *       and {@link io.semhash.training.ParallelSlices}, the threads of the step's Java loops, one
 *       pool per training, handed to the layers and the updater through their configurations.
 * </ul>
 *
 * <p>May use: DL4J, ND4J ({@code org.deeplearning4j}, {@code org.nd4j}, {@code org.bytedeco}),
 * {@code estimator}, {@code model}, {@code text}, {@code codes} and {@code progress}. This is the
 * one package of the model's code that imports DL4J and ND4J. Must not use: the packages that
 * build indexes, search or serve; nothing in {@code model} may use this package. The model does
 * not depend on the thread count: the same seed gives the same weights on one thread or many.
 */
package io.semhash.training;
