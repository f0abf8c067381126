package io.semhash.corpus;

import java.io.IOException;
import java.nio.file.Files;
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
    if (docs.isEmpty()) {
      long skipped = report.skipped().values().stream().mapToLong(Long::longValue).sum();
      throw new CorpusException(path + ": no documents"
          + (skipped > 0 ? " (all " + skipped + " records were skipped: " + String.join(", ", report.skipped().keySet()) + ")"
              : isEmptyFile(path) ? " (the file is empty)" : ""));
    }
    return new Corpus(docs, report);
  }

  private static boolean isEmptyFile(Path path) {
    try {
      return Files.isRegularFile(path) && Files.size(path) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  public List<Document> split(Split split) {
    return documents.stream().filter(d -> d.split() == split).toList();
  }
}
