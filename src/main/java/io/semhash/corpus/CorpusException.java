package io.semhash.corpus;

/** A corpus cannot be read as asked; the message names the file (and line) and the problem. */
public final class CorpusException extends RuntimeException {
  public CorpusException(String message) {
    super(message);
  }

  public CorpusException(String message, Throwable cause) {
    super(message, cause);
  }
}
