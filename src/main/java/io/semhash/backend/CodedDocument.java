package io.semhash.backend;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import java.util.Objects;

/** A stored document with its code. */
public record CodedDocument(Document document, BitCode code) {
  public CodedDocument {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(code, "code");
  }
}
