package io.semhash.store;

import io.semhash.corpus.Document;
import java.util.Objects;

/**
 * One result of a keyword search: the stored document, its internal number, its BM25 score and
 * a short plain-text excerpt around the query terms (never HTML).
 */
public record KeywordHit(int number, Document document, float score, String snippet) {
  public KeywordHit {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(snippet, "snippet");
  }
}
