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
 * (Hamming distance, corpus position), or by another order of the database for that query, and
 * count the first k that share a label.
 */
public final class BruteForcePrecision {
  private BruteForcePrecision() {}

  /** Mean P@k of the labelled test documents against the labelled train documents. */
  public static double of(List<Document> docs, Function<Document, BitCode> code, int k) {
    return ranked(docs, q -> {
      BitCode qc = code.apply(q);
      return Comparator.comparingInt(d -> code.apply(d).distance(qc));
    }, k);
  }

  /**
   * Mean P@k of the labelled test documents against the labelled train documents, each query's
   * database sorted by {@code order.apply(query)}, ties by corpus position.
   */
  public static double ranked(List<Document> docs, Function<Document, Comparator<Document>> order, int k) {
    List<Document> database = new ArrayList<>();
    List<Document> queries = new ArrayList<>();
    for (Document d : docs) {
      if (d.labels().isEmpty()) {
        continue;
      }
      (d.split() == Split.TRAIN ? database : queries).add(d);
    }
    int cut = Math.min(k, database.size());
    double sum = 0;
    for (Document q : queries) {
      List<Document> sorted = new ArrayList<>(database);
      sorted.sort(order.apply(q)); // stable: ties keep corpus order
      int hits = 0;
      for (int r = 0; r < cut; r++) {
        if (!Collections.disjoint(sorted.get(r).labels(), q.labels())) {
          hits++;
        }
      }
      sum += hits / (double) cut;
    }
    return sum / queries.size();
  }
}
