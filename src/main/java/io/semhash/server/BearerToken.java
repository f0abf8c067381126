package io.semhash.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Guards the write endpoints with a bearer token. Without a configured token, writes are off.
 * The presented token is compared in constant time: both sides are hashed with SHA-256 first so
 * neither the content nor the length of the secret shows in the timing.
 */
final class BearerToken {
  private static final String PREFIX = "bearer ";
  private final byte[] expectedDigest;

  private BearerToken(byte[] expectedDigest) {
    this.expectedDigest = expectedDigest;
  }

  /** A guard for {@code token}; a null or blank token turns writes off. */
  static BearerToken of(String token) {
    return new BearerToken(token == null || token.isBlank() ? null : sha256(token));
  }

  boolean writesEnabled() {
    return expectedDigest != null;
  }

  /**
   * Checks an {@code Authorization} header value; throws a 403 when writes are off or the header
   * does not carry the right token.
   */
  void check(String authorization) {
    if (expectedDigest == null) {
      throw ApiException.forbidden(
          "writes are disabled: no token is configured (set server.token or SEMHASH_TOKEN)");
    }
    if (authorization == null
        || authorization.length() <= PREFIX.length()
        || !authorization.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
      throw ApiException.forbidden("this endpoint needs 'Authorization: Bearer <token>'");
    }
    byte[] presented = sha256(authorization.substring(PREFIX.length()).strip());
    if (!MessageDigest.isEqual(presented, expectedDigest)) {
      throw ApiException.forbidden("wrong token");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
