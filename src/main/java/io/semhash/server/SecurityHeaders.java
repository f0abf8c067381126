package io.semhash.server;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every response carries. The content security policy allows scripts, styles,
 * images and fetches from this server only, and no inline script at all, so a document that
 * smuggles markup into the page still cannot run code; {@code nosniff} stops browsers from
 * guessing content types.
 */
final class SecurityHeaders {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", CSP,
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer",
      "Cross-Origin-Opener-Policy", "same-origin",
      "Cross-Origin-Resource-Policy", "same-origin");

  private SecurityHeaders() {}

  static void apply(BiConsumer<String, String> setter) {
    HEADERS.forEach(setter);
  }
}
