package io.semhash.bench;

import io.semhash.codes.AsymmetricDistance;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.eval.HammingRanking;
import io.semhash.eval.RetrievalProtocol;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelWeights;
import io.semhash.pipeline.TrainingSet;
import io.semhash.text.CosineKnnIndex;
import io.semhash.text.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Issue 20's learned per-group class-distance tables (C x C), measured: for categorical models, the
 * first {@value AsymmetricDistance#CANDIDATES} candidates by symbol distance re-ordered by a
 * query-independent table score Σ_g T_g(c_q, c_d), each table learned from the database side
 * alone and without labels (the model is unsupervised):
 *
 * <ul>
 *   <li>{@code decoder}: T_g(a, b) = −‖W4[g·C + a] − W4[g·C + b]‖², how far switching group g from
 *       class a to b moves the decoder's word logits (nothing fitted beyond the model);
 *   <li>{@code idf}: agreement on class a of group g scores −log p_g(a), disagreement 0 (rare shared
 *       classes count more), p_g from the database codes;
 *   <li>{@code pmi-K}: T_g(a, b) = log P_g(a, b) / (p_g(a) p_g(b)) over the database's pairs (document,
 *       one of its K nearest tf-idf neighbours in the database), add-one smoothed: which classes
 *       neighbouring documents share, the signal the training's neighbour term uses.
 * </ul>
 *
 * and each table added to the asymmetric re-rank's score: −(the query's asymmetric distance) +
 * λ·Σ_g T_g, λ in {0.5, 1, 2}. Choice on validation only, among the tables, the combinations and the
 * asymmetric re-rank alone: the validation part of the train split (queries) against the rest
 * (database, and the tables' data), P@100 summed over the models; then the chosen ranking alone is
 * scored on the test split against the whole train split (its tables from the whole train split),
 * beside the symbol ranking and the asymmetric re-rank. Usage: ClassDistanceStudy CORPUS MODEL_DIR...;
 * {@code ClassDistanceStudy --ranking NAME CORPUS MODEL_DIR...} scores the ranking NAME chosen
 * before (and the asymmetric re-rank) without a choice, on models of any code, binary ones too
 * (a binary code is C = 2: a 2 x 2 table per bit).
 */
public final class ClassDistanceStudy {
  private static final int K = 100;
  private static final int[] NEIGHBOURS = {10, 50};

  /** Weights λ of the table in the combined score −asymmetric distance + λ·T (both in nats). */
  private static final double[] LAMBDAS = {0.5, 1, 2};

  /** One side of the protocol: database and queries with their codes, vectors and logits; its tables, made once. */
  private record Part(List<Document> dbDocs, List<BitCode> dbCodes, List<SparseVector> dbTfidf,
      List<Document> queryDocs, List<BitCode> queryCodes, List<float[]> queryLogits, Map<String, double[][][]> tables) {}

  public static void main(String[] args) throws Exception {
    // --ranking NAME: no choice, the ranking chosen before (for other models, binary ones say)
    String fixed = args[0].equals("--ranking") ? args[1] : null;
    int first = fixed == null ? 0 : 2;
    List<Document> docs = Corpus.load(Path.of(args[first]), CorpusOptions.DEFAULTS).documents();
    List<String> tables = new ArrayList<>(List.of("decoder", "idf"));
    for (int n : NEIGHBOURS) {
      tables.add("pmi-" + n);
    }
    for (double l : LAMBDAS) {
      tables.add("asymmetric+pmi-50x" + l);
    }
    tables.add("asymmetric"); // a candidate of the choice too: a table must beat it to be chosen
    if (fixed != null) {
      tables = List.of(fixed, "asymmetric");
    }
    Map<String, Double> validation = new LinkedHashMap<>();
    List<HashingModel> models = new ArrayList<>();
    List<String> names = new ArrayList<>();
    System.out.println("model\tside\tranking\tP@100\tmAP@100");
    for (int a = first + 1; a < args.length; a++) {
      HashingModel model = HashingModel.load(Path.of(args[a]));
      String name = Path.of(args[a]).getFileName().toString();
      models.add(model);
      names.add(name);
      Part val = part(model, docs, true);
      print(name, "validation", "symbol", scores(val, model, "symbol"));
      for (String t : tables) {
        double[] s = scores(val, model, t);
        print(name, "validation", t, s);
        validation.merge(t, s[0], Double::sum);
      }
    }
    String chosen = fixed != null ? fixed
        : validation.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    System.out.printf(Locale.ROOT, "%s (P@100 summed over %d models): %s (%.4f)%n",
        fixed != null ? "fixed beforehand" : "chosen on validation", models.size(), chosen, validation.get(chosen));
    for (int i = 0; i < models.size(); i++) {
      Part test = part(models.get(i), docs, false);
      for (String r : new java.util.LinkedHashSet<>(List.of("symbol", "asymmetric", chosen))) {
        print(names.get(i), "test", r, scores(test, models.get(i), r));
      }
    }
  }

  private static void print(String model, String side, String ranking, double[] s) {
    System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.4f\t%.4f%n", model, side, ranking, s[0], s[1]);
  }

  /** Validation part against the rest of the train split, or the test split against the train split. */
  private static Part part(HashingModel model, List<Document> docs, boolean validation) {
    double fraction = model.manifest().options().validationFraction();
    List<Document> db = new ArrayList<>();
    List<Document> queries = new ArrayList<>();
    for (Document d : docs) {
      boolean validates = d.split() == Split.TRAIN && TrainingSet.validates(d, fraction);
      if (validation ? d.split() == Split.TRAIN && !validates : d.split() == Split.TRAIN) {
        db.add(d);
      } else if (validation ? validates : d.split() == Split.TEST) {
        queries.add(d);
      }
    }
    List<SparseVector> dbCounts = db.parallelStream().map(d -> model.vectorizer().counts(d.fullText())).toList();
    List<BitCode> dbCodes = dbCounts.parallelStream().map(c -> model.encoder().code(model.input(c))).toList();
    List<SparseVector> dbTfidf = dbCounts.parallelStream().map(model.vectorizer()::tfidf).toList();
    List<float[]> qLogits = queries.parallelStream()
        .map(d -> model.encoder().logits(model.input(model.vectorizer().counts(d.fullText())))).toList();
    List<BitCode> qCodes = qLogits.stream().map(model.codeSpec()::code).toList();
    return new Part(db, dbCodes, dbTfidf, queries, qCodes, qLogits, new java.util.HashMap<>());
  }

  /** P@100 and mAP@100 of a ranking of the part's database for its queries. */
  private static double[] scores(Part p, HashingModel model, String ranking) {
    CodeShape shape = model.codeShape();
    RetrievalProtocol.Sides<BitCode> sides = RetrievalProtocol.sides(p.dbDocs(), p.dbCodes(), p.queryDocs(), p.queryCodes());
    RetrievalProtocol.Sides<float[]> logits = RetrievalProtocol.sides(p.dbDocs(), p.dbCodes().stream().map(c -> new float[0]).toList(),
        p.queryDocs(), p.queryLogits());
    var s = switch (ranking) {
      case "symbol" -> RetrievalProtocol.codes(sides, shape, K);
      case "asymmetric" -> RetrievalProtocol.asymmetric(sides, model.codeSpec(), logits.queries(), K);
      default -> {
        String[] combo = ranking.startsWith("asymmetric+") ? ranking.substring("asymmetric+".length()).split("x") : null;
        String t = combo == null ? ranking : combo[0];
        double[][][] table = p.tables().computeIfAbsent(t, n -> table(n, model, p));
        yield RetrievalProtocol.ranked(sides, rerank(sides, model, combo == null ? null : logits.queries(),
            combo == null ? 1 : Double.parseDouble(combo[1]), table), K);
      }
    };
    return new double[] {s.precision(), s.map()};
  }

  /**
   * The first candidates by symbol distance, ordered by λ·(table score) − (the query's asymmetric
   * distance, when {@code logits} is given), higher first, ties in symbol order.
   */
  private static int[][] rerank(RetrievalProtocol.Sides<BitCode> sides, HashingModel model, List<float[]> logits,
      double lambda, double[][][] table) {
    CodeShape shape = model.codeShape();
    int depth = Math.min(sides.database().size(), AsymmetricDistance.CANDIDATES);
    int[][] candidates = HammingRanking.rank(shape, sides.database(), sides.queries(), depth);
    int[][] dbClasses = sides.database().stream().map(c -> classes(shape, c)).toArray(int[][]::new);
    return IntStream.range(0, candidates.length).parallel().mapToObj(q -> {
      int[] qc = classes(shape, sides.queries().get(q));
      int[] c = candidates[q];
      double[] score = new double[c.length];
      AsymmetricDistance asymmetric = logits == null ? null : AsymmetricDistance.of(model.codeSpec(), logits.get(q));
      for (int i = 0; i < c.length; i++) {
        for (int g = 0; g < qc.length; g++) {
          score[i] += table[g][qc[g]][dbClasses[c[i]][g]];
        }
        score[i] *= lambda;
        if (asymmetric != null) {
          score[i] -= asymmetric.distance(sides.database().get(c[i]));
        }
      }
      return IntStream.range(0, c.length).boxed().sorted((x, y) -> Double.compare(score[y], score[x]))
          .limit(K).mapToInt(i -> c[i]).toArray();
    }).toArray(int[][]::new);
  }

  private static int[] classes(CodeShape shape, BitCode code) {
    int[] c = new int[shape.groups()];
    for (int g = 0; g < c.length; g++) {
      c[g] = shape.classOf(code, g);
    }
    return c;
  }

  /** T[g][a][b] of the named table, learned from the part's database (all of it, labels unused). */
  private static double[][][] table(String name, HashingModel model, Part p) {
    CodeShape shape = model.codeShape();
    int m = shape.groups();
    int classes = shape.classes();
    double[][][] t = new double[m][classes][classes];
    List<int[]> db = p.dbCodes().stream().map(c -> classes(shape, c)).toList();
    if (name.equals("decoder")) {
      ModelWeights.Matrix w4 = model.weights().get("W4");
      int v = w4.cols();
      boolean oneHot = model.codeSpec().categorical(); // a binary decoder reads the bit itself: class 1 adds its row, class 0 nothing
      for (int g = 0; g < m; g++) {
        for (int a = 0; a < classes; a++) {
          for (int b = 0; b < classes; b++) {
            double d = 0;
            for (int j = 0; j < v; j++) {
              double x = oneHot ? w4.data()[(g * classes + a) * v + j] - w4.data()[(g * classes + b) * v + j]
                  : (a - b) * w4.data()[g * v + j];
              d += x * x;
            }
            t[g][a][b] = -d;
          }
        }
      }
      return t;
    }
    double[][] freq = new double[m][classes];
    for (int[] c : db) {
      for (int g = 0; g < m; g++) {
        freq[g][c[g]]++;
      }
    }
    if (name.equals("idf")) {
      for (int g = 0; g < m; g++) {
        for (int a = 0; a < classes; a++) {
          t[g][a][a] = -Math.log((freq[g][a] + 1) / (db.size() + classes));
        }
      }
      return t;
    }
    int n = Integer.parseInt(name.substring("pmi-".length()));
    CosineKnnIndex knn = CosineKnnIndex.build(p.dbTfidf(), model.vectorizer().vocabulary().size());
    int[][] neighbours = knn.topK(p.dbTfidf(), n, true);
    double[][][] pairs = new double[m][classes][classes];
    double total = 0;
    for (int i = 0; i < neighbours.length; i++) {
      for (int j : neighbours[i]) {
        for (int g = 0; g < m; g++) {
          pairs[g][db.get(i)[g]][db.get(j)[g]] += 0.5; // symmetrised: each ordered pair counts both ways
          pairs[g][db.get(j)[g]][db.get(i)[g]] += 0.5;
        }
        total++;
      }
    }
    for (int g = 0; g < m; g++) {
      double[] marginal = new double[classes];
      for (int a = 0; a < classes; a++) {
        for (int b = 0; b < classes; b++) {
          marginal[a] += pairs[g][a][b] + 1;
        }
      }
      double all = total + classes * classes;
      for (int a = 0; a < classes; a++) {
        for (int b = 0; b < classes; b++) {
          t[g][a][b] = Math.log((pairs[g][a][b] + 1) / all) - Math.log(marginal[a] / all) - Math.log(marginal[b] / all);
        }
      }
    }
    return t;
  }
}
