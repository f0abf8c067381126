package io.semhash.search;

/**
 * The request needs a model (encoding text, semantic or hybrid search) and none is loaded. The
 * server answers 409 Conflict: the request is well-formed but the service's state cannot answer
 * it.
 */
public final class ModelUnavailableException extends RuntimeException {
  public ModelUnavailableException(String message) {
    super(message);
  }
}
