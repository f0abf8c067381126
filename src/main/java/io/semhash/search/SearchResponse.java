package io.semhash.search;

import io.semhash.codes.CodeSpec;
import java.util.List;
import java.util.Objects;

/**
 * One page of results.
 *
 * @param codeHex the query's code in {@code BitCode} hex form (byte j holds bits 8j..8j+7, bit 8j
 *     least significant; two lowercase hex digits per byte); null when no code was computed
 * @param bits the code length; null when no code was computed
 * @param code the code's type and shape (binary, or groups of classes: then distances count
 *     symbols); null when no code was computed
 * @param total how many documents match in all (before paging)
 * @param tookMs time spent answering, in milliseconds
 * @param results the requested page, best first
 * @param mode the mode that answered
 * @param rerank the re-rank applied to the semantic ranking ({@link Rerank#NONE} for keyword
 *     search and for no re-rank)
 */
public record SearchResponse(
    String codeHex, Integer bits, CodeSpec code, long total, double tookMs, List<SearchHit> results, SearchMode mode,
    Rerank rerank) {
  public SearchResponse {
    results = List.copyOf(results);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(rerank, "rerank");
  }
}
