package io.semhash.testing;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The evaluation protocol written out the slow, obvious way, as the reference the real one is
 * checked against: for each labelled test document, sort every labelled train document by
 * (Hamming distance, corpus position), and count the first k that share a label.
 */
public final class BruteForcePrecision {
  private BruteForcePrecision() {}

  /** Mean P@k of the labelled test documents against the labelled train documents. */
  public static double of(List<Document> docs, Function<Document, BitCode> code, int k) {
    List<Document> database = new ArrayList<>();
    List<Document> queries = new ArrayList<>();
    for (Document d : docs) {
      if (d.labels().isEmpty()) {
        continue;
      }
      (d.split() == Split.TRAIN ? database : queries).add(d);
    }
    List<BitCode> dbCodes = database.stream().map(code).toList();
    int cut = Math.min(k, database.size());
    double sum = 0;
    for (Document q : queries) {
      BitCode qc = code.apply(q);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < database.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer>comparingInt(i -> dbCodes.get(i).distance(qc)).thenComparingInt(i -> i));
      int hits = 0;
      for (int r = 0; r < cut; r++) {
        if (!Collections.disjoint(database.get(order.get(r)).labels(), q.labels())) {
          hits++;
        }
      }
      sum += hits / (double) cut;
    }
    return sum / queries.size();
  }
}
