/**
 * Gradient estimators for discrete latent variables, and an exact reference to check them.
 *
 * <p>A loss {@code L(η) = E_{x~q_η}[f(x)]} over discrete {@code x} is differentiated from one
 * sample: draw {@code x}, let the model compute {@code g = ∂f/∂x} at that {@code x}, and map
 * {@code g} back to the logits through a surrogate Jacobian. Every estimator here has that shape:
 * {@code sample} in the forward pass, {@code backward} in the backward pass.
 *
 * <ul>
 *   <li>Bernoulli latents ({@link io.semhash.estimator.BinaryEstimator}, batch-first
 *       {@code [batch, bits]}): ZGR (the default of semhash), straight-through, DARN,
 *       Gumbel-Softmax, straight-through Gumbel-Softmax, Gumbel-Rao Monte Carlo; REINFORCE with a
 *       leave-one-out baseline has its own API ({@link io.semhash.estimator.ReinforceLooEstimator})
 *       because it needs f itself, not its gradient.
 *   <li>Categorical latents ({@link io.semhash.estimator.CategoricalEstimator}, one-hot over the
 *       last axis): ZGR, straight-through, straight-through Gumbel-Softmax, Gumbel-Rao.
 *   <li>{@link io.semhash.estimator.Enumeration}: the exact gradient of {@code E[f]} and the exact
 *       expectation of any estimator by summing over every configuration, in double precision.
 * </ul>
 *
 * <p>The math is in {@code docs/zgr.md} (Shekhovtsov, ICML 2023). This package depends on ND4J
 * only; it knows nothing about text or models. Randomness always comes from an explicit seeded
 * {@link org.nd4j.linalg.api.rng.Random}, never from global state.
 */
package io.semhash.estimator;
