package io.semhash.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a tuning run tried and chose.
 *
 * @param bits the code length tuned for
 * @param trainDocuments documents of the train split (fit and validation parts together)
 * @param knobs the space searched
 * @param trials every training, in the order run
 * @param chosen the settings of the best trial of the last rung
 * @param chosenTrial its number
 * @param validationPrecision its validation P@100
 * @param seconds wall time of the whole run
 * @param budgetSeconds the time budget, null when none
 */
public record TuneReport(
    int bits, int trainDocuments, Map<String, List<String>> knobs, List<Trial> trials, Map<String, String> chosen,
    int chosenTrial, double validationPrecision, double seconds, Double budgetSeconds) {
  public TuneReport {
    knobs = Collections.unmodifiableMap(new LinkedHashMap<>(knobs));
    trials = List.copyOf(trials);
    chosen = Collections.unmodifiableMap(new TreeMap<>(chosen));
  }
}
