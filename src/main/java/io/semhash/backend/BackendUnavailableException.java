package io.semhash.backend;

/**
 * The backend cannot answer now: its engine is unreachable, timed out or failed on its side. The
 * message says which and why; the HTTP layer answers 503 with it, since retrying later may work.
 */
public final class BackendUnavailableException extends RuntimeException {
  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
