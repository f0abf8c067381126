package io.semhash.store;

import io.semhash.corpus.Document;
import java.util.Objects;

/**
 * One document as the store holds it, with the internal number the caller gave it (the id of its
 * code in the Hamming index).
 */
public record StoredEntry(int number, Document document) {
  public StoredEntry {
    Objects.requireNonNull(document, "document");
  }
}
