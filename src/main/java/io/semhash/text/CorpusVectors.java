package io.semhash.text;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.progress.Progress;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A corpus analysed once: the vocabulary fitted on its train split (with each term's most
 * frequent surface form there) and the count vector of every document, aligned with the document list.
 *
 * @param vectorizer the fitted vocabulary and analyzer
 * @param counts term counts per document, same order as the documents
 * @param tokens analysed tokens per document before the vocabulary cut
 */
public record CorpusVectors(Vectorizer vectorizer, List<SparseVector> counts, int[] tokens) {

  /**
   * Analyses every document (in parallel), fits the vocabulary on the train split and builds
   * the count vectors.
   *
   * @param progressOut where to draw progress, or null for none
   */
  public static CorpusVectors build(List<Document> docs, VocabularyOptions options, PrintStream progressOut) {
    TermAnalyzer analyzer = new TermAnalyzer(options.stem());
    Progress progress = progressOut == null
        ? Progress.silent("analyse", docs.size())
        : Progress.start("analyse", "docs", docs.size(), progressOut);
    @SuppressWarnings("unchecked")
    Map<String, Integer>[] termCounts = new Map[docs.size()];
    IntStream.range(0, docs.size()).parallel().forEach(i -> {
      termCounts[i] = analyzer.termCounts(docs.get(i).fullText());
      progress.advance(1);
    });
    progress.finish();
    List<java.util.Set<String>> trainSets = IntStream.range(0, docs.size())
        .filter(i -> docs.get(i).split() == Split.TRAIN)
        .mapToObj(i -> termCounts[i].keySet())
        .toList();
    Map<String, String> words = SurfaceForms.of(analyzer, docs.stream()
        .filter(d -> d.split() == Split.TRAIN).map(Document::fullText).toList());
    Vocabulary vocabulary = Vocabulary.fit(trainSets, options, words);
    Vectorizer vectorizer = new Vectorizer(analyzer, vocabulary);
    List<SparseVector> counts = IntStream.range(0, docs.size()).parallel()
        .mapToObj(i -> vectorizer.counts(termCounts[i]))
        .toList();
    int[] tokens = new int[docs.size()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = termCounts[i].values().stream().mapToInt(Integer::intValue).sum();
    }
    return new CorpusVectors(vectorizer, counts, tokens);
  }

  public Vocabulary vocabulary() {
    return vectorizer.vocabulary();
  }

  public double meanTokens() {
    return IntStream.of(tokens).average().orElse(0);
  }
}
