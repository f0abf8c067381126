package io.semhash.server;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import java.util.List;

/**
 * One document of {@code POST /api/docs}, as sent: Jackson binds the fields (an unknown field or
 * a value of the wrong type is refused there); {@link #document} checks the values and their
 * limits, which {@code /openapi.json} publishes.
 *
 * @param id required, 1 to {@value #MAX_ID_CHARS} characters
 * @param title optional
 * @param text required, not blank
 * @param labels optional, at most {@value #MAX_LABELS_PER_DOCUMENT} of 1 to {@value
 *     #MAX_LABEL_CHARS} characters
 * @param split {@code train} (the default) or {@code test}
 */
record DocumentBody(String id, String title, String text, List<String> labels, String split) {
  static final int MAX_ID_CHARS = 512;
  /** Longest label: labels are single index terms, and Lucene refuses terms over 32,766 bytes. */
  static final int MAX_LABEL_CHARS = 256;
  static final int MAX_LABELS_PER_DOCUMENT = 100;
  /** Most documents in one {@code POST /api/docs}. */
  static final int MAX_BATCH = 1_000;

  /** The document, checked; errors start with {@code where} and name the field. */
  Document document(String where) {
    if (id == null) {
      throw ApiException.badRequest(where + ": field 'id' is required");
    }
    if (id.isBlank() || id.length() > MAX_ID_CHARS) {
      throw ApiException.badRequest(where + ": field 'id' must be 1 to " + MAX_ID_CHARS + " characters");
    }
    if (text == null) {
      throw ApiException.badRequest(where + ": field 'text' is required");
    }
    if (text.isBlank()) {
      throw ApiException.badRequest(where + ": field 'text' must not be empty");
    }
    List<String> checkedLabels = labels == null ? List.of() : labels;
    if (checkedLabels.size() > MAX_LABELS_PER_DOCUMENT) {
      throw ApiException.badRequest(where + ": at most " + MAX_LABELS_PER_DOCUMENT + " labels, got " + checkedLabels.size());
    }
    for (String label : checkedLabels) {
      if (label == null || label.isBlank()) {
        throw ApiException.badRequest(where + ": field 'labels' must hold non-empty strings");
      }
      if (label.length() > MAX_LABEL_CHARS) {
        throw ApiException.badRequest(where + ": a label is longer than " + MAX_LABEL_CHARS + " characters");
      }
    }
    Split checkedSplit;
    try {
      checkedSplit = split == null ? Split.TRAIN : Split.parse(split);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(where + ": " + e.getMessage());
    }
    return new Document(id, title, text, checkedLabels, checkedSplit);
  }
}
