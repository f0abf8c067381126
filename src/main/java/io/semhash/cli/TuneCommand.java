package io.semhash.cli;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.json.ApiJson;
import io.semhash.tune.Trial;
import io.semhash.tune.TuneReport;
import io.semhash.tune.TuneSpace;
import io.semhash.tune.Tuner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code semhash tune}: finds the recipe for one corpus and code length on the validation part of
 * its train split, and writes it as a configuration file that {@code train} and {@code build} read.
 */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Search the recipe's knobs (successive halving over short trainings, the best few trained fully), "
        + "scored on validation P@100 of the train split only; write the chosen settings as a configuration file.")
final class TuneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;
  @Mixin ModelArgs modelArgs;
  @Mixin TuneArgs tuneArgs;

  @Option(names = "--out", paramLabel = "CONFIG", description = "configuration file to write (default: ${DEFAULT-VALUE})")
  Path out = Path.of("config", "tuned.yaml");

  @Option(names = "--json", description = "print the report (every trial) as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    SemhashConfig base = new SemhashConfig(config.corpus(), config.text(), modelArgs.model(config), config.server(), config.solr());
    base.model().options(); // a bad flag or key fails here, before the corpus is read
    Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
    TuneReport report = tuneArgs.tuner(base, modelArgs.givenKeys(), modelArgs.threads()).run(corpus.documents());
    SemhashConfig chosen = Tuner.chosen(base, report);
    write(out, chosen, report, corpusArgs.corpus);
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      pw.println(ApiJson.pretty(report));
    } else {
      print(pw, report, out);
    }
    pw.flush();
    return 0;
  }

  /**
   * Writes the chosen configuration (its corpus, text and model sections, and an empty per-width
   * table: the chosen settings are for this width) with a header saying where it came from.
   */
  static void write(Path file, SemhashConfig chosen, TuneReport report, Path corpus) throws IOException {
    List<String> header = List.of(
        "written by semhash tune, " + Instant.now() + ", for " + report.bits() + "-bit codes of " + corpus,
        String.format(Locale.ROOT, "chosen: trial %d of %d, validation P@100 %.4f (validation part of the train split)",
            report.chosenTrial(), report.trials().size(), report.validationPrecision()),
        "use: semhash train --config " + file + " ... (or build); flags still win");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, ConfigLoader.yaml(chosen, List.of("corpus", "text", "model", ConfigLoader.BY_BITS), header));
  }

  /** The table of every trial, best of the last rung marked. */
  static void print(PrintWriter pw, TuneReport r, Path out) {
    List<String> keys = new ArrayList<>(r.knobs().keySet());
    pw.printf(Locale.ROOT, "%5s %4s %6s %8s %6s %8s", "trial", "rung", "epochs", "val P@100", "best", "seconds");
    for (String k : keys) {
      pw.print("  " + shortName(k));
    }
    pw.println();
    for (Trial t : r.trials()) {
      pw.printf(Locale.ROOT, "%4d%s %4d %6d %9.4f %6d %8.0f", t.number(), t.number() == r.chosenTrial() ? "*" : " ",
          t.rung() + 1, t.epochs(), t.validationPrecision(), t.bestEpoch(), t.seconds());
      for (String k : keys) {
        pw.printf(Locale.ROOT, "  %" + shortName(k).length() + "s", t.settings().get(k));
      }
      pw.println();
    }
    pw.printf(Locale.ROOT, "chosen: trial %d, validation P@100 %.4f, %d trainings in %.0f s; written to %s%n",
        r.chosenTrial(), r.validationPrecision(), r.trials().size(), r.seconds(), out);
  }

  private static String shortName(String key) {
    return key.substring(key.indexOf('.') + 1);
  }

  /** The search flags, shared with {@code build --tune}. */
  static final class TuneArgs {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)([smh]?)");

    @Option(names = "--budget", paramLabel = "TIME",
        description = "wall time the search may take: 90s, 30m, 2h, or none (default: ${DEFAULT-VALUE})")
    String budget = "30m";

    @Option(names = "--trials", paramLabel = "N", description = "settings tried in the first rung, 1..10000 (default: ${DEFAULT-VALUE})")
    int trials = Tuner.Plan.DEFAULT.trials();

    @Option(names = "--min-epochs", paramLabel = "N", description = "epoch bound of the first rung's trainings (default: ${DEFAULT-VALUE})")
    int minEpochs = Tuner.Plan.DEFAULT.minEpochs();

    @Option(names = "--finalists", paramLabel = "N",
        description = "trainings given the full epoch bound (--epochs) at the end (default: ${DEFAULT-VALUE})")
    int finalists = Tuner.Plan.DEFAULT.finalists();

    @Option(names = "--space", paramLabel = "KEY=V1,V2",
        description = "a knob and the values to try (repeat for more); replaces the built-in space, e.g. --space model.beta=0.25,1.0")
    List<String> space = new ArrayList<>();

    Tuner tuner(SemhashConfig base, Set<String> fixed, int threads) {
      TuneSpace s;
      if (space.isEmpty()) {
        s = TuneSpace.recipe().without(fixed); // a flag the user gave is a setting no trial changes
      } else {
        Map<String, List<String>> knobs = new LinkedHashMap<>();
        for (String text : space) {
          Map.Entry<String, List<String>> knob = TuneSpace.parseKnob(text);
          if (knobs.put(knob.getKey(), knob.getValue()) != null) {
            throw new IllegalArgumentException("--space names '" + knob.getKey() + "' twice");
          }
        }
        s = new TuneSpace(knobs);
      }
      return new Tuner(base, s, new Tuner.Plan(trials, minEpochs, 3, finalists), threads, budgetSeconds(), System.err);
    }

    double budgetSeconds() {
      if (budget.equals("none")) {
        return Double.POSITIVE_INFINITY;
      }
      Matcher m = DURATION.matcher(budget.strip());
      if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
        throw new IllegalArgumentException("--budget '" + budget + "': expected a positive duration such as 90s, 30m or 2h, or none");
      }
      double v = Double.parseDouble(m.group(1));
      return switch (m.group(2)) {
        case "h" -> v * 3600;
        case "m" -> v * 60;
        default -> v;
      };
    }
  }
}
