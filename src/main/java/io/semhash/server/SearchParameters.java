package io.semhash.server;

import io.javalin.http.Context;
import io.semhash.search.Rerank;
import io.semhash.search.SearchMode;
import io.semhash.search.SearchRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates the query parameters of {@code /api/search} and {@code /similar}; anything
 * out of range is a 400 naming the parameter, so the service only ever sees valid requests.
 */
final class SearchParameters {
  static final int DEFAULT_K = 10;
  /** Deepest result a client may page to (offset + k), bounding the work one request can ask for. */
  static final int MAX_WINDOW = 10_000;
  static final int MAX_QUERY_CHARS = 4_096;
  static final int MAX_LABELS = 100;
  static final int MAX_DISTANCE = 1_024;

  private SearchParameters() {}

  /**
   * The request of {@code /api/search}; {@code defaultRerank} is the re-rank a request without a
   * {@code rerank} parameter gets.
   */
  static SearchRequest search(Context ctx, int maxK, Rerank defaultRerank) {
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      throw ApiException.badRequest("missing or empty parameter 'q'");
    }
    if (q.length() > MAX_QUERY_CHARS) {
      throw ApiException.badRequest("parameter 'q' is longer than " + MAX_QUERY_CHARS + " characters");
    }
    int k = k(ctx, maxK);
    int offset = integer(ctx.queryParam("offset"), "offset", 0, 0, MAX_WINDOW);
    if (offset + k > MAX_WINDOW) {
      throw ApiException.badRequest("offset + k must not exceed " + MAX_WINDOW + ", got " + (offset + k));
    }
    String rawDistance = ctx.queryParam("maxDistance");
    Integer maxDistance =
        rawDistance == null || rawDistance.isBlank()
            ? null
            : integer(rawDistance, "maxDistance", 0, 0, MAX_DISTANCE);
    return new SearchRequest(q.strip(), k, offset, labels(ctx.queryParam("labels")), maxDistance, mode(ctx.queryParam("mode")),
        rerank(ctx.queryParam("rerank"), defaultRerank));
  }

  /** The {@code k} parameter: default {@value #DEFAULT_K}, else an integer in [1, maxK]. */
  static int k(Context ctx, int maxK) {
    return integer(ctx.queryParam("k"), "k", DEFAULT_K, 1, maxK);
  }

  private static int integer(String raw, String name, int fallback, int min, int max) {
    if (raw == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "parameter '" + name + "' must be an integer between " + min + " and " + max + ", got '" + clip(raw) + "'");
    }
    if (value < min || value > max) {
      throw ApiException.badRequest(
          "parameter '" + name + "' must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  private static List<String> labels(String raw) {
    List<String> labels = new ArrayList<>();
    if (raw != null) {
      for (String label : raw.split(",")) {
        if (!label.isBlank()) {
          labels.add(label.strip());
        }
      }
    }
    if (labels.size() > MAX_LABELS) {
      throw ApiException.badRequest("at most " + MAX_LABELS + " labels, got " + labels.size());
    }
    return labels;
  }

  private static SearchMode mode(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return SearchMode.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("parameter 'mode' must be semantic, keyword or hybrid, got '" + clip(raw) + "'");
    }
  }

  private static Rerank rerank(String raw, Rerank fallback) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Rerank.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("parameter 'rerank' must be none or asymmetric, got '" + clip(raw) + "'");
    }
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
