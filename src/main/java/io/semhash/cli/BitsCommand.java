package io.semhash.cli;

import io.semhash.explain.BitMeaning;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.BitReport;
import io.semhash.explain.BitWord;
import io.semhash.model.HashingModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
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

  @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory from 'semhash train'")
  Path modelDir;

  @Option(names = "--top", paramLabel = "N", description = "words per bit, 1..50 (default: ${DEFAULT-VALUE})")
  int top = 10;

  @Option(names = "--json", description = "print the meanings as JSON (weights and changes of every word)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (top < 1 || top > BitMeanings.KEPT) {
      throw new IllegalArgumentException("--top must be in [1, " + BitMeanings.KEPT + "], got " + top);
    }
    HashingModel model = HashingModel.load(modelDir);
    BitReport report = BitReport.of(BitMeanings.of(model.weights(), model.vectorizer().vocabulary()), top, null);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonOutput.of(report));
    } else {
      out.printf(Locale.ROOT, "%d bits, estimator %s; words when the bit is on (by weight | by change in probability)%n",
          report.bits(), model.manifest().options().estimator());
      for (BitMeaning m : report.meanings()) {
        out.printf(Locale.ROOT, "%3d  %s | %s%n", m.bit(), terms(m.on()), terms(m.onByProbability()));
      }
    }
    out.flush();
    return 0;
  }

  private static String terms(List<BitWord> words) {
    return words.stream().map(BitWord::term).collect(Collectors.joining(" "));
  }
}
