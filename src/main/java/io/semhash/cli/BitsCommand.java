package io.semhash.cli;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.Split;
import io.semhash.corpus.Document;
import io.semhash.explain.BitContrast;
import io.semhash.explain.CodeFeatures;
import io.semhash.explain.BitHealth;
import io.semhash.explain.BitMeaning;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.BitReport;
import io.semhash.explain.BitWord;
import io.semhash.explain.Coherence;
import io.semhash.explain.ContrastedMeanings;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import io.semhash.text.SparseVector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semhash bits}: what each bit of a model means, read off its decoder. */
@Command(
    name = "bits",
    mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
    description = "Per bit, the words that set the documents with the bit on apart: by default ranked by their log-odds"
        + " ratio (informative Dirichlet prior, z-scored) between the documents of --corpus with the bit on and off, times"
        + " the word's exclusivity to the bit,"
        + " words of few documents and host-name or number shapes left out; with --rank decoder, by decoder weight (which"
        + " ranks as the change in log-probability does). Second column: by the change in probability, the other bits"
        + " held at 0.5.")
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

  @Option(names = "--rank", paramLabel = "HOW", description = "contrast (over every document of --corpus) or decoder"
      + " (from the model alone, as before) (default: ${DEFAULT-VALUE})")
  String rank = "contrast";

  @Option(names = "--prior", paramLabel = "C", description = "weight of the contrast's Dirichlet prior, a share of the"
      + " corpus: larger favours rarer words (default: ${DEFAULT-VALUE})")
  double prior = BitContrast.PRIOR;

  @Option(names = "--health", description = "also encode the corpus's train split and report each bit's on-rate and the"
      + " dead (on-rate < 1%% or > 99%%) and redundant (|correlation| > 0.9 with a lower bit) bits")
  boolean health;

  @Override
  public Integer call() throws Exception {
    if (top < 1 || top > BitMeanings.KEPT) {
      throw new IllegalArgumentException("--top must be in [1, " + BitMeanings.KEPT + "], got " + top);
    }
    if (!rank.equals("contrast") && !rank.equals("decoder")) {
      throw new IllegalArgumentException("--rank must be contrast or decoder, got '" + rank + "'");
    }
    if (!(prior > 0) || Double.isInfinite(prior)) {
      throw new IllegalArgumentException("--prior must be a positive number, got " + prior);
    }
    HashingModel model = HashingModel.load(modelDir);
    BitMeanings meanings = BitMeanings.of(model.weights(), model.vectorizer().vocabulary());
    CodeFeatures features = CodeFeatures.of(model); // bits, or one feature per (group, class) of a categorical code
    BitHealth h = null;
    Coherence coherence = null;
    if (health || rank.equals("contrast")) {
      common.load(); // a bad configuration file is reported as such, not as the flags' defaults
      Corpus corpus = Corpus.load(corpusArgs.corpus, corpusArgs.options());
      List<Document> docs = corpus.documents();
      List<SparseVector> counts = docs.parallelStream().map(d -> model.vectorizer().counts(d.fullText())).toList();
      List<BitCode> codes = counts.parallelStream()
          .map(c -> features.of(model.encoder().code(model.input(c)))).toList();
      if (health) {
        h = BitHealth.of(features.count(), IntStream.range(0, docs.size())
            .filter(i -> docs.get(i).split() == Split.TRAIN).mapToObj(codes::get).toList());
      }
      if (rank.equals("contrast")) { // over every document, as an index built from the corpus stores them
        ContrastedMeanings ranked = ContrastedMeanings.of(meanings, model.vectorizer().vocabulary(), codes, counts,
            BitContrast.Options.DEFAULT.withPrior(prior), counts);
        meanings = ranked.meanings();
        coherence = ranked.coherence();
      }
    }
    BitReport report = BitReport.of(meanings, top, h, coherence);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ApiJson.pretty(report));
    } else {
      int classes = features.shape().classes();
      if (features.oneHot()) {
        out.printf(Locale.ROOT, "%d groups x %d classes, estimator %s; words of each class g.c (by %s | by change in"
            + " probability)%n", features.shape().groups(), classes, model.manifest().options().estimator(),
            rank.equals("contrast") ? "contrast of the documents in the class and the rest" : "weight");
      } else {
        out.printf(Locale.ROOT, "%d bits, estimator %s; words when the bit is on (by %s | by change in probability)%n",
            report.bits(), model.manifest().options().estimator(),
            rank.equals("contrast") ? "contrast of the documents with the bit on and off" : "weight");
      }
      for (BitMeaning m : report.meanings()) {
        String rate = h == null ? "" : String.format(Locale.ROOT, "%5.1f%% %-4s ", 100 * h.onRate()[m.bit()],
            h.dead().contains(m.bit()) ? (features.oneHot() ? "unused" : "dead") : "");
        String name = features.oneHot()
            ? String.format(Locale.ROOT, "%5s", (m.bit() / classes) + "." + (m.bit() % classes))
            : String.format(Locale.ROOT, "%3d", m.bit());
        out.printf(Locale.ROOT, "%s  %s%s | %s%n", name, rate, terms(m.on()), terms(m.onByProbability()));
      }
      if (coherence != null) {
        out.printf(Locale.ROOT, "NPMI coherence of the top %d words, mean over bits: contrast %s, decoder %s,"
            + " random frequent words %.4f%n", coherence.words(), fourDecimals(coherence.contrast()),
            fourDecimals(coherence.decoder()), coherence.randomFrequent());
      }
      if (h != null) {
        out.printf(Locale.ROOT, "%d documents (train split): %d dead bits, %d redundant bits, pairs %s%n", h.documents(),
            h.deadBits(), h.redundantBits(), h.redundant().stream().map(p -> p.i() + "~" + p.j()).toList());
      }
    }
    out.flush();
    return 0;
  }

  private static String fourDecimals(Double x) {
    return x == null ? "-" : String.format(Locale.ROOT, "%.4f", x);
  }

  private static String terms(List<BitWord> words) {
    return words.stream().map(BitWord::word).collect(Collectors.joining(" "));
  }
}
