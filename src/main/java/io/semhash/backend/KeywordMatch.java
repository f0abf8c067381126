package io.semhash.backend;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import java.util.Objects;

/** A document found by keyword search: its code, its BM25 score and a plain-text excerpt (never HTML). */
public record KeywordMatch(Document document, BitCode code, double score, String excerpt) {
  public KeywordMatch {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(excerpt, "excerpt");
  }
}
