package io.semhash.search;

import io.semhash.codes.CodeSpec;
import java.util.List;
import java.util.Objects;

/**
 * A stored document as the API shows it. Title and text are untrusted: display them as text.
 *
 * @param split {@code train} or {@code test}
 * @param codeHex the document's code in {@code BitCode} hex form; null without a model
 * @param bits the code length; null without a model
 * @param code the code's type and shape; null without a model
 */
public record StoredDocument(
    String id, String title, String text, List<String> labels, String split, String codeHex, Integer bits, CodeSpec code) {
  public StoredDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    title = title == null ? "" : title;
    labels = List.copyOf(labels == null ? List.of() : labels);
  }
}
