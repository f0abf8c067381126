package io.semhash.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One document of a corpus, as every reader produces it.
 *
 * @param id unique within the corpus
 * @param title may be empty, never null
 * @param text the body that the text pipeline analyses
 * @param labels zero or more class labels (relevance in evaluation = sharing at least one)
 * @param split train (database) or test (queries)
 */
public record Document(String id, String title, String text, List<String> labels, Split split) {
  public Document {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    Objects.requireNonNull(text, "text");
    labels = List.copyOf(labels == null ? List.of() : labels);
    Objects.requireNonNull(split, "split");
  }

  /** The text the model sees: title and body together. */
  public String fullText() {
    return title.isEmpty() ? text : title + "\n" + text;
  }
}
