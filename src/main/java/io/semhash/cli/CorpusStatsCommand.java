package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.CorpusReport;
import io.semhash.corpus.Document;
import io.semhash.json.ApiJson;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code semhash corpus-stats}: what a corpus holds, what was skipped and why, and its vocabulary. */
@Command(
    name = "corpus-stats",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Documents per split and label, skipped records with reasons, vocabulary size, mean tokens.")
final class CorpusStatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;

  @Option(names = "--json", description = "print the figures as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SemhashConfig config = common.load();
    CorpusOptions options = corpusArgs.options();
    long t0 = System.nanoTime();
    Corpus corpus = Corpus.load(corpusArgs.corpus, options);
    VocabularyOptions vocabOptions = config.text().options();
    CorpusVectors vectors = CorpusVectors.build(corpus.documents(), vocabOptions, json ? null : System.err);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Stats stats = Stats.of(corpus, vectors, seconds);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ApiJson.pretty(stats));
    } else {
      stats.print(out);
    }
    out.flush();
    return 0;
  }

  /** The figures, also the JSON shape of {@code --json}. */
  record Stats(
      String source,
      int documents,
      Map<String, Integer> perSplit,
      Map<String, Map<String, Integer>> perLabel,
      Map<String, Long> skipped,
      Map<String, String> firstSkipped,
      long latin1Decoded,
      int vocabularySize,
      double meanTokens,
      double seconds) {

    static Stats of(Corpus corpus, CorpusVectors vectors, double seconds) {
      Map<String, Integer> perSplit = new TreeMap<>();
      Map<String, Map<String, Integer>> perLabel = new TreeMap<>();
      for (Document d : corpus.documents()) {
        String split = d.split().label();
        perSplit.merge(split, 1, Integer::sum);
        for (String label : d.labels()) {
          perLabel.computeIfAbsent(label, k -> new TreeMap<>()).merge(split, 1, Integer::sum);
        }
      }
      CorpusReport.Summary r = corpus.report();
      return new Stats(r.source(), corpus.documents().size(), perSplit, perLabel, new TreeMap<>(r.skipped()),
          new TreeMap<>(r.firstExample()), r.latin1Decoded(), vectors.vocabulary().size(), vectors.meanTokens(), seconds);
    }

    void print(PrintWriter out) {
      out.printf(Locale.ROOT, "corpus            %s%n", source);
      out.printf(Locale.ROOT, "documents         %,d%n", documents);
      perSplit.forEach((s, n) -> out.printf(Locale.ROOT, "  %-15s %,d%n", s, n));
      out.printf(Locale.ROOT, "labels            %d%n", perLabel.size());
      perLabel.forEach((label, bySplit) -> out.printf(Locale.ROOT, "  %-28s %s%n", label, bySplit));
      out.printf(Locale.ROOT, "skipped           %,d%n", skipped.values().stream().mapToLong(Long::longValue).sum());
      skipped.forEach((reason, n) ->
          out.printf(Locale.ROOT, "  %-28s %,d (first: %s)%n", reason, n, firstSkipped.get(reason)));
      out.printf(Locale.ROOT, "decoded as Latin-1 %,d%n", latin1Decoded);
      out.printf(Locale.ROOT, "vocabulary        %,d terms%n", vocabularySize);
      out.printf(Locale.ROOT, "mean tokens/doc   %.1f%n", meanTokens);
      out.printf(Locale.ROOT, "time              %.1f s%n", seconds);
    }
  }
}
