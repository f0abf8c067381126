package io.semhash.cli;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.Split;
import io.semhash.explain.BitHealth;
import io.semhash.explain.BitMeaning;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.BitReport;
import io.semhash.explain.BitWord;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semhash bits}: what each bit of a model means, read off its decoder. */
@Command(
    name = "bits",
    mixinStandardHelpOptions = true,
    description = "Per bit, the words whose probability rises most when the bit is on (by decoder weight, which ranks as"
        + " the change in log-probability does; and by the change in probability), the other bits held at 0.5.")
final class BitsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin CorpusArgs corpusArgs;

  @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory from 'semhash train'")
  Path modelDir;

  @Option(names = "--top", paramLabel = "N", description = "words per bit, 1..50 (default: ${DEFAULT-VALUE})")
  int top = 10;

  @Option(names = "--json", description = "print the meanings as JSON (weights and changes of every word)")
  boolean json;

  @Option(names = "--health", description = "also encode the corpus's train split and report each bit's on-rate and the"
      + " dead (on-rate < 1%% or > 99%%) and redundant (|correlation| > 0.9 with a lower bit) bits")
  boolean health;

  @Override
  public Integer call() throws Exception {
    if (top < 1 || top > BitMeanings.KEPT) {
      throw new IllegalArgumentException("--top must be in [1, " + BitMeanings.KEPT + "], got " + top);
    }
    HashingModel model = HashingModel.load(modelDir);
    BitHealth h = null;
    if (health) {
      Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options(common.load()));
      List<BitCode> codes = corpus.documents().parallelStream()
          .filter(d -> d.split() == Split.TRAIN).map(d -> model.code(d.fullText())).toList();
      h = BitHealth.of(model.bits(), codes);
    }
    BitReport report = BitReport.of(BitMeanings.of(model.weights(), model.vectorizer().vocabulary()), top, h);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ApiJson.pretty(report));
    } else {
      out.printf(Locale.ROOT, "%d bits, estimator %s; words when the bit is on (by weight | by change in probability)%n",
          report.bits(), model.manifest().options().estimator());
      for (BitMeaning m : report.meanings()) {
        String rate = h == null ? "" : String.format(Locale.ROOT, "%5.1f%% %-4s ", 100 * h.onRate()[m.bit()],
            h.dead().contains(m.bit()) ? "dead" : "");
        out.printf(Locale.ROOT, "%3d  %s%s | %s%n", m.bit(), rate, terms(m.on()), terms(m.onByProbability()));
      }
      if (h != null) {
        out.printf(Locale.ROOT, "%d documents (train split): %d dead bits, %d redundant bits, pairs %s%n", h.documents(),
            h.deadBits(), h.redundantBits(), h.redundant().stream().map(p -> p.i() + "~" + p.j()).toList());
      }
    }
    out.flush();
    return 0;
  }

  private static String terms(List<BitWord> words) {
    return words.stream().map(BitWord::word).collect(Collectors.joining(" "));
  }
}
