package io.semhash.tune;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.model.ModelManifest;
import io.semhash.pipeline.ModelTraining;
import io.semhash.progress.Progress;
import io.semhash.text.CorpusVectors;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Successive halving over the recipe's knobs: {@code trials} settings (the configuration as
 * given first, then distinct random draws from the space) each trained for a few epochs; the best
 * third trained three times longer, and so on, until the few left (the finalists) are trained
 * with the full epoch bound, early stopping included. Every training is scored by its best
 * validation P@100, the figure {@code semhash train} stops on: the validation part of the train
 * split against the part it fits, through the evaluation protocol.
 *
 * <p>The test split is dropped before anything else: the vocabulary, the neighbour graph, the
 * trainings and the scores see only the train split, so no choice here can depend on the
 * queries the recipe is later measured with.
 */
public final class Tuner {
  private static final String SOURCE = "tune";

  /**
   * How the search spends its trainings.
   *
   * @param trials settings tried in the first rung, at least 1
   * @param minEpochs epoch bound of the first rung, at least 1
   * @param eta each rung keeps the best 1/eta and trains them eta times longer, at least 2
   * @param finalists once no more than this many are left they are trained with the full epoch bound, at least 1
   */
  public record Plan(int trials, int minEpochs, int eta, int finalists) {
    public static final Plan DEFAULT = new Plan(12, 2, 3, 2);

    public Plan {
      check(trials >= 1 && trials <= 10_000, "--trials", trials, "[1, 10000]");
      check(minEpochs >= 1 && minEpochs <= 1000, "--min-epochs", minEpochs, "[1, 1000]");
      check(eta >= 2 && eta <= 100, "--eta", eta, "[2, 100]");
      check(finalists >= 1 && finalists <= 10_000, "--finalists", finalists, "[1, 10000]");
    }

    private static void check(boolean ok, String name, int value, String range) {
      if (!ok) {
        throw new IllegalArgumentException(name + " must be in " + range + ", got " + value);
      }
    }

    /** Per rung, how many trainings and their epoch bound, when the first rung has {@code n}. */
    List<int[]> rungs(int n, int maxEpochs) {
      List<int[]> out = new ArrayList<>();
      int count = n;
      int epochs = Math.min(minEpochs, maxEpochs);
      while (true) {
        if (count <= finalists || epochs >= maxEpochs) {
          out.add(new int[] {count, maxEpochs});
          return out;
        }
        out.add(new int[] {count, epochs});
        count = (count + eta - 1) / eta;
        epochs = (int) Math.min((long) epochs * eta, maxEpochs);
      }
    }
  }

  private final SemhashConfig base;
  private final TuneSpace space;
  private final Plan plan;
  private final int threads;
  private final double budgetSeconds;
  private final PrintStream progress;

  /**
   * @param base the configuration the trials start from: every setting not in {@code space} is
   *     its own, and its values of the knobs are the first trial
   * @param threads threads of the training step (0: one per core)
   * @param budgetSeconds wall time the run may take (infinite: none); the first rung is cut short
   *     when the plan's estimate would pass it, and a training stops at the end of the epoch that
   *     passes it
   * @param progress where to report trials and the trainings' epochs, or null for silence
   */
  public Tuner(SemhashConfig base, TuneSpace space, Plan plan, int threads, double budgetSeconds, PrintStream progress) {
    if (!(budgetSeconds > 0)) {
      throw new IllegalArgumentException("--budget must be > 0, got " + budgetSeconds + " s");
    }
    for (Map.Entry<String, List<String>> knob : space.knobs().entrySet()) {
      if (ConfigLoader.value(base, knob.getKey()) == null) {
        throw new IllegalArgumentException("--space: '" + knob.getKey() + "' is not a setting (a key of config/semhash.yaml, e.g. model.beta)");
      }
      for (String value : knob.getValue()) {
        ConfigLoader.with(base, Map.of(knob.getKey(), value), "--space " + knob.getKey()); // refuses a bad value now, not mid-run
      }
    }
    this.base = base;
    this.space = space;
    this.plan = plan;
    this.threads = threads;
    this.budgetSeconds = budgetSeconds;
    this.progress = progress;
  }

  /** The train-split documents of {@code docs}: all the tuner ever looks at. */
  public static List<Document> trainSplit(List<Document> docs) {
    return docs.stream().filter(d -> d.split() == Split.TRAIN).toList();
  }

  /** The settings the base configuration has for the space's knobs. */
  Map<String, String> baseSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    for (String key : space.knobs().keySet()) {
      s.put(key, normalised(key, ConfigLoader.value(base, key)));
    }
    return s;
  }

  /** A value as the configuration gives it back ({@code 1} and {@code 1.0} are one setting). */
  private String normalised(String key, String value) {
    return ConfigLoader.value(ConfigLoader.with(base, Map.of(key, value), SOURCE), key);
  }

  /**
   * Runs the search over the train split of {@code docs} (documents of the test split are left
   * out here, before any use).
   */
  public TuneReport run(List<Document> docs) {
    long t0 = System.nanoTime();
    List<Document> train = trainSplit(docs);
    if (train.isEmpty()) {
      throw new IllegalArgumentException("the corpus has no train-split documents to tune on");
    }
    int maxEpochs = base.model().epochs();
    Map<SemhashConfig.Text, CorpusVectors> vectors = new HashMap<>(); // one analysis per vocabulary setting
    LinkedHashSet<Map<String, String>> distinct = new LinkedHashSet<>();
    distinct.add(baseSettings());
    for (Map<String, String> s : space.draw(plan.trials(), base.model().seed())) {
      Map<String, String> n = new LinkedHashMap<>();
      s.forEach((k, v) -> n.put(k, normalised(k, v)));
      distinct.add(n);
    }
    List<Map<String, String>> candidates = new ArrayList<>(distinct).subList(0, Math.min(plan.trials(), distinct.size()));
    int n = candidates.size();
    List<Trial> trials = new ArrayList<>();
    List<Trial> previous = new ArrayList<>();
    int doneEpochs = 0;
    double trainedSeconds = 0;
    for (int rung = 0; ; rung++) {
      List<int[]> rungs = plan.rungs(n, maxEpochs);
      if (rung >= rungs.size()) {
        break;
      }
      List<Map<String, String>> entrants = rung == 0
          ? candidates
          : previous.stream().sorted(BEST_FIRST).limit(rungs.get(rung)[0]).map(Trial::settings).toList();
      List<Trial> results = new ArrayList<>();
      for (int i = 0; i < (rung == 0 ? n : entrants.size()); i++) {
        double elapsed = (System.nanoTime() - t0) / 1e9;
        if (rung == 0 && i > 0 && Double.isFinite(budgetSeconds)) {
          double perEpoch = trainedSeconds / Math.max(1, doneEpochs);
          while (n > i && elapsed + perEpoch * (plannedEpochs(plan.rungs(n, maxEpochs)) - doneEpochs) > budgetSeconds) {
            n--; // the first rung shrinks so that the plan fits the budget
          }
          if (i >= n) {
            break;
          }
          rungs = plan.rungs(n, maxEpochs);
        }
        if (elapsed >= budgetSeconds && !(rung == 0 && i == 0)) {
          break;
        }
        int epochs = rungs.get(rung)[1];
        int number = trials.size() + 1;
        int total = trials.size() + remainingTrainings(rungs, rung, i);
        double perEpoch = doneEpochs == 0 ? Double.NaN : trainedSeconds / doneEpochs;
        report(String.format(Locale.ROOT, "tune: trial %d/%d (rung %d of %d, up to %d epochs), ETA %s: %s", number, total,
            rung + 1, rungs.size(), epochs,
            Double.isNaN(perEpoch) ? "?" : Progress.formatSeconds(perEpoch * (plannedEpochs(rungs) - doneEpochs)),
            changes(entrants.get(i))));
        Trial t = train(train, vectors, number, rung, epochs, entrants.get(i), budgetSeconds - elapsed);
        trials.add(t);
        results.add(t);
        doneEpochs += t.epochs();
        trainedSeconds += t.seconds();
        report(String.format(Locale.ROOT, "tune: trial %d/%d: validation P@100 %.4f (epoch %d of %d), %s", number, total,
            t.validationPrecision(), t.bestEpoch(), t.epochs(), Progress.formatSeconds(t.seconds())));
      }
      if (results.isEmpty()) {
        break;
      }
      previous = results;
    }
    Trial best = previous.stream().sorted(BEST_FIRST).findFirst().orElseThrow();
    return new TuneReport(base.model().bits(), train.size(), space.knobs(), trials, best.settings(), best.number(),
        best.validationPrecision(), (System.nanoTime() - t0) / 1e9, Double.isFinite(budgetSeconds) ? budgetSeconds : null);
  }

  /** The chosen configuration: the base with the report's chosen settings. */
  public static SemhashConfig chosen(SemhashConfig base, TuneReport report) {
    return ConfigLoader.with(base, report.chosen(), SOURCE);
  }

  private static final Comparator<Trial> BEST_FIRST =
      Comparator.comparingDouble(Trial::validationPrecision).reversed().thenComparingInt(Trial::number);

  private static int plannedEpochs(List<int[]> rungs) {
    int e = 0;
    for (int[] r : rungs) {
      e += r[0] * r[1];
    }
    return e;
  }

  private static int remainingTrainings(List<int[]> rungs, int rung, int index) {
    int left = rungs.get(rung)[0] - index;
    for (int r = rung + 1; r < rungs.size(); r++) {
      left += rungs.get(r)[0];
    }
    return left;
  }

  private String changes(Map<String, String> settings) {
    Map<String, String> b = baseSettings();
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> {
      if (!v.equals(b.get(k))) {
        sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v);
      }
    });
    return sb.length() == 0 ? "the configuration as given" : sb.toString();
  }

  private Trial train(List<Document> trainDocs, Map<SemhashConfig.Text, CorpusVectors> vectors, int number, int rung,
      int epochs, Map<String, String> settings, double budgetLeft) {
    long t0 = System.nanoTime();
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("model.epochs", Integer.toString(epochs));
    SemhashConfig config = ConfigLoader.with(base, all, SOURCE);
    CorpusVectors v = vectors.computeIfAbsent(config.text(), text -> CorpusVectors.build(trainDocs, text.options(), progress));
    ModelManifest m = ModelTraining.train(trainDocs, v, config.model().options(), threads, progress,
        Math.max(budgetLeft, 1e-3)).manifest();
    double best = m.history().get(m.bestEpoch() - 1).validationPrecision();
    return new Trial(number, rung, epochs, settings, best, m.bestEpoch(), m.history().size(), (System.nanoTime() - t0) / 1e9);
  }

  private void report(String line) {
    if (progress != null) {
      progress.println(line);
    }
  }
}
