package io.semhash.backend;

/**
 * The backend's engine refused a request as bad (a 4xx of its own, e.g. a parameter outside what
 * its schema allows). The message is the engine's own reason; the HTTP layer answers 400 with it.
 */
public final class BackendRejectedException extends RuntimeException {
  private final int status;

  public BackendRejectedException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The engine's status code (4xx). */
  public int status() {
    return status;
  }
}
