package io.semhash.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus held in memory, in reading order (which is the database order for tie-breaks).
 *
 * @param documents every document read
 * @param report what was read and skipped
 */
public record Corpus(List<Document> documents, CorpusReport.Summary report) {
  public Corpus {
    documents = List.copyOf(documents);
  }

  /** Reads a corpus of any supported format. */
  public static Corpus load(Path path, CorpusOptions options) {
    List<Document> docs = new ArrayList<>();
    CorpusReport.Summary report = CorpusFormat.detect(path).reader(path, options).read(docs::add);
    return new Corpus(docs, report);
  }

  public List<Document> split(Split split) {
    return documents.stream().filter(d -> d.split() == split).toList();
  }
}
