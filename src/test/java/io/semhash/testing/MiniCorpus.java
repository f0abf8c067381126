package io.semhash.testing;

import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The small fixture corpus of the store, search and server tests: 24 documents in four labels
 * (one of them with two labels), a hostile document with markup in title and text, and one
 * without title or labels.
 */
public final class MiniCorpus {
  private MiniCorpus() {}

  public static Path path() {
    try {
      return Path.of(MiniCorpus.class.getResource("/fixtures/mini.jsonl").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Document> documents() {
    return Corpus.load(path(), CorpusOptions.DEFAULTS).documents();
  }
}
