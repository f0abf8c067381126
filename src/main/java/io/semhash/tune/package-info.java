/**
 * {@code semhash tune}: a search over the recipe's knobs for one corpus and code length.
 * Successive halving over short trainings (each scored by validation P@100 on the validation part
 * of the train split, through the one evaluation protocol), the best few then trained with the
 * full epoch bound; the test split is dropped before anything else, so no choice can see it.
 *
 * <p>May use: {@code config}, {@code corpus}, {@code model}, {@code pipeline}, {@code progress},
 * {@code text}.
 */
package io.semhash.tune;
