package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.explain.BitContrast;
import io.semhash.explain.BitContrast.Counting;
import io.semhash.explain.BitContrast.Options;
import io.semhash.explain.BitContrast.Score;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.Coherence;
import io.semhash.explain.WordShape;
import io.semhash.model.HashingModel;
import io.semhash.pipeline.TrainingSet;
import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Which ranking of bit words reads best, chosen on the train split alone and then measured on the
 * test split, for one or more models.
 *
 * <p>Each ranking on a grid (the {@link BitContrast.Options}, and the decoder's weight among the
 * word-shaped terms above a document floor of the vocabulary) makes each bit's top {@value
 * Coherence#WORDS} on-words from the part of the train split the model was fitted on; the lists
 * are scored over the train split's validation part (train documents neither the model nor the
 * contrast has seen) by NPMI coherence times topic diversity (share of distinct words over all
 * bits' lists): topic quality (Dieng, Ruiz and Blei 2020), so that no ranking wins by putting the
 * same frequent words at the head of every list. The ranking with the highest quality summed
 * over the models is chosen (one default serves every model); then the decoder's lists, the
 * previous default, the chosen ranking and random frequent words are scored over the test split,
 * which no choice has seen. Usage: BitWordsStudy CORPUS MODEL_DIR...
 */
public final class BitWordsStudy {
  private static final double[] PRIORS = {0.01, 0.1};
  private static final double[] FLOORS = {0.005, 0.01, 0.02};
  private static final Options PREVIOUS = new Options(0.1, 0.002, Counting.LOG_TF, Score.Z);

  /** One model's documents, cut into fit, validation and test. */
  private record Setup(String name, HashingModel model, BitMeanings decoder, List<BitCode> fitCodes,
      List<SparseVector> fitCounts, List<SparseVector> validation, List<SparseVector> test) {
    Vocabulary vocabulary() {
      return model.vectorizer().vocabulary();
    }
  }

  public static void main(String[] args) throws Exception {
    List<Document> docs = Corpus.load(Path.of(args[0]), CorpusOptions.DEFAULTS).documents();
    List<Setup> setups = new ArrayList<>();
    for (int a = 1; a < args.length; a++) {
      setups.add(setup(args[a], docs));
    }
    // ranking name → summed validation quality; printed per model
    Map<String, Double> quality = new LinkedHashMap<>();
    System.out.println("model\tranking\tvalidation_npmi\tdiversity\tquality");
    for (Setup s : setups) {
      for (Counting counting : Counting.values()) {
        for (Score score : Score.values()) {
          for (double prior : PRIORS) {
            for (double floor : FLOORS) {
              Options o = new Options(prior, floor, counting, score);
              quality.merge(o.toString(), select(s, o.toString(), contrastLists(s, o)), Double::sum);
            }
          }
        }
      }
      for (double floor : FLOORS) {
        quality.merge("decoder " + floor, select(s, "decoder " + floor, decoderLists(s, floor)), Double::sum);
      }
    }
    String best = quality.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    System.out.printf(Locale.ROOT, "chosen on the validation part, quality summed over %d models: %s (%.4f)%n",
        setups.size(), best, quality.get(best));

    System.out.println("model\tlists\ttest_npmi\tvalidation_npmi\tdiversity\tnon_word_shapes");
    for (Setup s : setups) {
      List<int[]> decoder = new ArrayList<>();
      for (int i = 0; i < s.model().bits(); i++) {
        decoder.add(s.decoder().bit(i).on().stream().limit(Coherence.WORDS)
            .mapToInt(w -> s.vocabulary().indexOf(w.term())).toArray());
      }
      BitContrast floorOnly = BitContrast.of(s.model().bits(), s.vocabulary(), s.fitCodes(), s.fitCounts(), PREVIOUS);
      List<int[]> chosen = best.startsWith("decoder ") ? decoderLists(s, Double.parseDouble(best.substring(8)))
          : contrastLists(s, parse(best));
      List<int[]> previous = contrastLists(s, PREVIOUS);
      row(s, "decoder weight (--rank decoder)", decoder);
      row(s, "contrast, previous default", previous);
      row(s, "chosen: " + best, chosen);
      row(s, "random frequent words", Coherence.randomFrequent(floorOnly, s.vocabulary().size(), s.model().bits()));
      for (int i = 0; i < Math.min(s.model().bits(), 6); i++) {
        System.out.printf(Locale.ROOT, "%s bit %d: %s | previous: %s | decoder: %s%n", s.name(), i,
            words(chosen.get(i), s.vocabulary()), words(previous.get(i), s.vocabulary()),
            words(decoder.get(i), s.vocabulary()));
      }
    }
  }

  private static Setup setup(String dir, List<Document> docs) throws Exception {
    HashingModel model = HashingModel.load(Path.of(dir));
    double fraction = model.manifest().options().validationFraction();
    List<SparseVector> counts = docs.parallelStream().map(d -> model.vectorizer().counts(d.fullText())).toList();
    List<BitCode> fitCodes = new ArrayList<>();
    List<SparseVector> fitCounts = new ArrayList<>();
    List<SparseVector> validation = new ArrayList<>();
    List<SparseVector> test = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i);
      if (d.split() == Split.TEST) {
        test.add(counts.get(i));
      } else if (TrainingSet.validates(d, fraction)) {
        validation.add(counts.get(i));
      } else {
        fitCounts.add(counts.get(i));
      }
    }
    fitCounts.parallelStream().map(c -> model.encoder().code(model.input(c))).forEachOrdered(fitCodes::add);
    System.out.printf(Locale.ROOT, "# %s: %d bits, %d fit, %d validation, %d test documents%n", dir, model.bits(),
        fitCounts.size(), validation.size(), test.size());
    return new Setup(Path.of(dir).getFileName().toString(), model,
        BitMeanings.of(model.weights(), model.vectorizer().vocabulary()), fitCodes, fitCounts, validation, test);
  }

  private static double select(Setup s, String name, List<int[]> lists) {
    double npmi = Coherence.mean(lists, s.validation(), s.vocabulary().size());
    double diversity = Coherence.diversity(lists);
    System.out.printf(Locale.ROOT, "%s\t%s\t%.4f\t%.3f\t%.4f%n", s.name(), name, npmi, diversity, npmi * diversity);
    return npmi * diversity;
  }

  private static void row(Setup s, String name, List<int[]> lists) {
    long odd = lists.stream().flatMapToInt(IntStream::of).filter(t -> !WordShape.isWord(s.vocabulary().term(t))).count();
    System.out.printf(Locale.ROOT, "%s\t%s\t%.4f\t%.4f\t%.3f\t%d%n", s.name(), name,
        Coherence.mean(lists, s.test(), s.vocabulary().size()),
        Coherence.mean(lists, s.validation(), s.vocabulary().size()), Coherence.diversity(lists), odd);
  }

  private static Options parse(String options) {
    // Options[prior=0.01, minDocumentShare=0.01, counting=PRESENCE, score=EXCLUSIVE]
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : options.substring(options.indexOf('[') + 1, options.length() - 1).split(", ")) {
      kv.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
    }
    return new Options(Double.parseDouble(kv.get("prior")), Double.parseDouble(kv.get("minDocumentShare")),
        Counting.valueOf(kv.get("counting")), Score.valueOf(kv.get("score")));
  }

  private static String words(int[] terms, Vocabulary vocabulary) {
    return String.join(" ", IntStream.of(terms).mapToObj(vocabulary::word).toList());
  }

  private static List<int[]> contrastLists(Setup s, Options o) {
    BitContrast contrast = BitContrast.of(s.model().bits(), s.vocabulary(), s.fitCodes(), s.fitCounts(), o);
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < s.model().bits(); i++) {
      out.add(contrast.topOn(i, Coherence.WORDS));
    }
    return out;
  }

  /** Per bit, the top terms by decoder weight among word-shaped terms in at least {@code floor} of the train documents. */
  private static List<int[]> decoderLists(Setup s, double floor) {
    Vocabulary vocabulary = s.vocabulary();
    double least = Math.max(BitContrast.MIN_DOCUMENTS, floor * vocabulary.documents());
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < s.model().bits(); i++) {
      int bit = i;
      out.add(IntStream.range(0, vocabulary.size())
          .filter(t -> vocabulary.df(t) >= least && WordShape.isWord(vocabulary.term(t))).boxed()
          .sorted((a, b) -> Double.compare(s.decoder().weight(bit, b), s.decoder().weight(bit, a)))
          .limit(Coherence.WORDS).mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  private BitWordsStudy() {}
}
