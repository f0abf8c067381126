package io.semhash.backend;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import java.util.Objects;

/** A document found by its code: the document, its code and its Hamming distance to the query. */
public record CodeMatch(Document document, BitCode code, int distance) {
  public CodeMatch {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(code, "code");
  }
}
