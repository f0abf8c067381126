package io.semhash.testing;

import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The small fixture corpus of the store, search and server tests: 24 documents in four labels
 * (one of them with two labels), a hostile document with markup in title and text, and one
 * without title or labels.
 */
public final class MiniCorpus {
  private MiniCorpus() {}

  /** The fixture file; read from the test jar (another module's tests), a copy in a temporary file. */
  public static synchronized Path path() {
    try {
      URL url = MiniCorpus.class.getResource("/fixtures/mini.jsonl");
      if ("file".equals(url.getProtocol())) {
        return Path.of(url.toURI());
      }
      if (copy == null) {
        Path file = Files.createTempFile("semhash-mini", ".jsonl");
        file.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        copy = file;
      }
      return copy;
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path copy;

  public static List<Document> documents() {
    return Corpus.load(path(), CorpusOptions.DEFAULTS).documents();
  }
}
