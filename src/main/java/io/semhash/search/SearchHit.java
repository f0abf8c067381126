package io.semhash.search;

import java.util.List;
import java.util.Objects;

/**
 * One result. Title and snippet are the document's own untrusted text: display them as text,
 * never as HTML.
 *
 * @param snippet a short plain-text excerpt
 * @param distance Hamming distance from the query's code; null when the hit did not come from a
 *     code (keyword mode, or "similar" answered without a model)
 * @param score higher is better: BM25 in keyword mode; {@code 1 - distance / bits} in semantic
 *     mode; the fused score in hybrid mode
 * @param codeHex the document's code in {@code BitCode} hex form; null without a model
 */
public record SearchHit(
    String id,
    String title,
    String snippet,
    List<String> labels,
    Integer distance,
    double score,
    String codeHex) {
  public SearchHit {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    snippet = snippet == null ? "" : snippet;
    labels = List.copyOf(labels == null ? List.of() : labels);
  }
}
