package io.semhash.tune;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training of a tuning run.
 *
 * @param number 1-based, in the order run
 * @param rung 0 for the shortest trainings; each later rung trains the best of the one before longer
 * @param maxEpochs the epoch bound of this training (early stopping may end it sooner)
 * @param settings the knobs' values, configuration key to value as the file spells it
 * @param validationPrecision best validation P@100 over its epochs (the validation part of the train split)
 * @param bestEpoch the epoch that reached it
 * @param epochs epochs run
 * @param seconds wall time of the training, analysis included when this trial needed a new vocabulary
 */
public record Trial(
    int number, int rung, int maxEpochs, Map<String, String> settings, double validationPrecision, int bestEpoch,
    int epochs, double seconds) {
  public Trial {
    settings = Collections.unmodifiableMap(new TreeMap<>(settings));
  }
}
