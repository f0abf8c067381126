package io.semhash.eval;

import io.semhash.codes.AsymmetricDistance;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The evaluation protocol of docs/ARCHITECTURE.md, in one place: the database is the labelled
 * documents of one side (the train split, or at training time the part of it the model fits),
 * the queries the labelled documents of the other (the test split, or the validation part); a
 * database document is relevant to a query when they share a label; P@k and mAP@k are averaged
 * over the queries, with ties in Hamming distance broken by database order.
 *
 * <p>{@code semhash eval}, the validation figure that early stopping follows and the P@k curve an
 * index build stores all score through this class, so the three cannot drift apart.
 */
public final class RetrievalProtocol {
  private RetrievalProtocol() {}

  /**
   * Items of a database and a query side with their labels, in corpus order; documents without
   * labels are left out of both sides (they can be neither relevant nor judged).
   */
  public record Sides<T>(List<T> database, List<List<String>> databaseLabels, List<T> queries, List<List<String>> queryLabels) {
    public Sides {
      database = List.copyOf(database);
      databaseLabels = List.copyOf(databaseLabels);
      queries = List.copyOf(queries);
      queryLabels = List.copyOf(queryLabels);
      if (database.size() != databaseLabels.size() || queries.size() != queryLabels.size()) {
        throw new IllegalArgumentException("every item needs its labels: " + database.size() + " database items, "
            + databaseLabels.size() + " label sets; " + queries.size() + " queries, " + queryLabels.size() + " label sets");
      }
    }

    /** True when both sides have at least one labelled item, so the protocol has something to score. */
    public boolean scorable() {
      return !database.isEmpty() && !queries.isEmpty();
    }

    /** The same documents' labels with other items (their codes instead of their vectors, say), position by position. */
    public <U> Sides<U> with(List<U> databaseItems, List<U> queryItems) {
      return new Sides<>(databaseItems, databaseLabels, queryItems, queryLabels);
    }

    /**
     * These sides with at most {@code max} queries, evenly spaced in query order (all of them
     * when there are no more): a bounded estimate where scoring every query against the whole
     * database would cost queries × database distances.
     */
    public Sides<T> queriesAtMost(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max must be >= 1, got " + max);
      }
      int n = queries.size();
      if (n <= max) {
        return this;
      }
      List<T> q = new ArrayList<>(max);
      List<List<String>> labels = new ArrayList<>(max);
      for (int i = 0; i < max; i++) {
        int at = (int) ((long) i * n / max);
        q.add(queries.get(at));
        labels.add(queryLabels.get(at));
      }
      return new Sides<>(database, databaseLabels, q, labels);
    }

    public RelevanceLabels relevance() {
      return RelevanceLabels.of(queryLabels, databaseLabels);
    }
  }

  /** The labelled train documents against the labelled test documents: {@code items.get(i)} belongs to {@code docs.get(i)}. */
  public static <T> Sides<T> trainAgainstTest(List<Document> docs, List<T> items) {
    return sides(docs, items, Split.TRAIN, docs, items, Split.TEST);
  }

  /**
   * Labelled {@code databaseDocs} against labelled {@code queryDocs} (whatever their split: the
   * validation part of the train split against the part the model fits, say), each document with
   * the item at its position (its code, its vector, or the document itself).
   */
  public static <T> Sides<T> sides(List<Document> databaseDocs, List<T> databaseItems, List<Document> queryDocs, List<T> queryItems) {
    return sides(databaseDocs, databaseItems, null, queryDocs, queryItems, null);
  }

  private static <T> Sides<T> sides(List<Document> databaseDocs, List<T> databaseItems, Split databaseSplit,
      List<Document> queryDocs, List<T> queryItems, Split querySplit) {
    if (databaseDocs.size() != databaseItems.size() || queryDocs.size() != queryItems.size()) {
      throw new IllegalArgumentException("one item per document is needed: " + databaseDocs.size() + " vs "
          + databaseItems.size() + ", " + queryDocs.size() + " vs " + queryItems.size());
    }
    List<T> db = new ArrayList<>();
    List<List<String>> dbLabels = new ArrayList<>();
    pick(databaseDocs, databaseItems, databaseSplit, db, dbLabels);
    List<T> queries = new ArrayList<>();
    List<List<String>> qLabels = new ArrayList<>();
    pick(queryDocs, queryItems, querySplit, queries, qLabels);
    return new Sides<>(db, dbLabels, queries, qLabels);
  }

  private static <T> void pick(List<Document> docs, List<T> items, Split split, List<T> out, List<List<String>> labels) {
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i);
      if (!d.labels().isEmpty() && (split == null || d.split() == split)) {
        out.add(items.get(i));
        labels.add(d.labels());
      }
    }
  }

  /** Scores the database codes ranked by Hamming distance to each query code, cut at k. */
  public static RetrievalScores hamming(Sides<BitCode> sides, int k) {
    int kk = cutOff(sides, k);
    return RetrievalScores.of(HammingRanking.rank(sides.database(), sides.queries(), kk), sides.relevance(), kk);
  }

  /**
   * Scores the database codes of {@code shape} ranked by symbol distance to each query code (the
   * Hamming distance for a binary shape), cut at k.
   */
  public static RetrievalScores codes(Sides<BitCode> sides, CodeShape shape, int k) {
    int kk = cutOff(sides, k);
    return RetrievalScores.of(HammingRanking.rank(shape, sides.database(), sides.queries(), kk), sides.relevance(), kk);
  }

  /**
   * Scores the database codes ranked for each query by its {@link AsymmetricDistance} (the query's
   * logits against the stored codes), over its first {@link AsymmetricDistance#CANDIDATES} (at
   * least k) by Hamming distance, or symbol distance for a categorical code, cut at k: the search
   * option {@code rerank=asymmetric}, scored by the same protocol as the ranking it starts from
   * ({@link #codes}).
   *
   * @param code the code the logits make (binary: one logit per bit; categorical: a block per group)
   * @param queryLogits per query of {@code sides}, its logits; the query code is {@code code.code(logits)}
   */
  public static RetrievalScores asymmetric(Sides<BitCode> sides, CodeSpec code, List<float[]> queryLogits, int k) {
    if (queryLogits.size() != sides.queries().size()) {
      throw new IllegalArgumentException(queryLogits.size() + " logit vectors for " + sides.queries().size() + " queries");
    }
    int kk = cutOff(sides, k);
    int depth = Math.min(sides.database().size(), Math.max(kk, AsymmetricDistance.CANDIDATES));
    int[][] candidates = HammingRanking.rank(code.shape(), sides.database(), sides.queries(), depth);
    int[][] rankings = IntStream.range(0, candidates.length).parallel().mapToObj(q -> {
      int[] c = candidates[q];
      List<BitCode> codes = Arrays.stream(c).mapToObj(sides.database()::get).toList();
      int[] order = AsymmetricDistance.of(code, queryLogits.get(q)).rerank(codes);
      return IntStream.range(0, Math.min(kk, order.length)).map(i -> c[order[i]]).toArray();
    }).toArray(int[][]::new);
    return RetrievalScores.of(rankings, sides.relevance(), kk);
  }

  /**
   * Scores rankings made by another method (tf-idf cosine, say) over the same sides.
   *
   * @param rankings per query of {@code sides}, database positions best first
   */
  public static RetrievalScores ranked(Sides<?> sides, int[][] rankings, int k) {
    if (rankings.length != sides.queries().size()) {
      throw new IllegalArgumentException(rankings.length + " rankings for " + sides.queries().size() + " queries");
    }
    return RetrievalScores.of(rankings, sides.relevance(), cutOff(sides, k));
  }

  /** The cut-off actually scored: k, or the database size when the database is smaller. */
  public static int cutOff(Sides<?> sides, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return Math.max(1, Math.min(k, sides.database().size()));
  }
}
