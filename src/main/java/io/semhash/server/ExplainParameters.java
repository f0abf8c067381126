package io.semhash.server;

import io.javalin.http.Context;

/**
 * Reads and validates the query parameters of {@code /api/explain} and {@code /api/bits}; anything
 * missing or out of range is a 400 naming the parameter.
 */
final class ExplainParameters {
  /** Words per bit and list that {@code /api/bits} returns by default and at most. */
  static final int DEFAULT_TOP = 10;
  static final int MAX_TOP = 50;

  private ExplainParameters() {}

  /** The query text {@code q}: not blank, at most {@link SearchParameters#MAX_QUERY_CHARS}. */
  static String query(Context ctx) {
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      throw ApiException.badRequest("missing or empty parameter 'q'");
    }
    if (q.length() > SearchParameters.MAX_QUERY_CHARS) {
      throw ApiException.badRequest("parameter 'q' is longer than " + SearchParameters.MAX_QUERY_CHARS + " characters");
    }
    return q.strip();
  }

  /** The document id {@code id}: not blank. */
  static String id(Context ctx) {
    String id = ctx.queryParam("id");
    if (id == null || id.isBlank()) {
      throw ApiException.badRequest("missing or empty parameter 'id'");
    }
    return id;
  }

  /** The words per list {@code top}: default {@value #DEFAULT_TOP}, else in [1, {@value #MAX_TOP}]. */
  static int top(Context ctx) {
    String raw = ctx.queryParam("top");
    if (raw == null) {
      return DEFAULT_TOP;
    }
    try {
      int top = Integer.parseInt(raw.strip());
      if (top >= 1 && top <= MAX_TOP) {
        return top;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    throw ApiException.badRequest("parameter 'top' must be an integer between 1 and " + MAX_TOP + ", got '" + shown + "'");
  }
}
