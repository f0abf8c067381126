package io.semhash.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small slice of the embedded 20 Newsgroups corpus as JSON Lines, and a fast test configuration. */
final class SmallCorpus {
  static final List<String> LABELS = List.of("comp.graphics", "rec.sport.hockey", "sci.space", "talk.religion.misc");
  private static List<Document> slice;

  private SmallCorpus() {}

  /** The first {@code perLabelSplit} documents of each of four labels in each split. */
  static synchronized List<Document> documents() {
    if (slice == null) {
      Map<String, Integer> taken = new LinkedHashMap<>();
      List<Document> out = new ArrayList<>();
      for (Document d : Corpus.load(Path.of("data", "20news-bydate.tar.gz"), CorpusOptions.DEFAULTS).documents()) {
        String key = d.labels().get(0) + "/" + d.split();
        int limit = d.split() == io.semhash.corpus.Split.TRAIN ? 60 : 15;
        if (LABELS.contains(d.labels().get(0)) && taken.getOrDefault(key, 0) < limit) {
          taken.merge(key, 1, Integer::sum);
          out.add(d);
        }
      }
      slice = List.copyOf(out);
    }
    return slice;
  }

  static Path writeJsonl(Path dir) throws IOException {
    return writeJsonl(dir.resolve("small.jsonl"), documents());
  }

  /** {@code docs} as a JSON Lines corpus in {@code file}. */
  static Path writeJsonl(Path file, List<Document> docs) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Document d : docs) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", d.id());
        o.put("title", d.title());
        o.put("text", d.text());
        o.put("labels", d.labels());
        o.put("split", d.split().label());
        w.write(json.writeValueAsString(o));
        w.write('\n');
      }
    }
    return file;
  }

  /** Tiny model, few epochs: seconds, not minutes. */
  static Path writeConfig(Path dir, int epochs) throws IOException {
    Path file = dir.resolve("test.yaml");
    Files.writeString(file, """
        text:
          vocabulary-size: 2000
          min-df: 2
        model:
          bits: 32
          hidden: 64
          epochs: %d
          patience: %d
          batch-size: 32
          learning-rate: 0.003
          neighbours: 5
        """.formatted(epochs, epochs));
    return file;
  }
}
