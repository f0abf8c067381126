package io.semhash.store;

/** A document store could not be created, opened, read or written; the message names the directory. */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
