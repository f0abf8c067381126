package io.semhash.search;

/** The service found the request's content wrong; the server answers 400 with this message. */
public final class InvalidRequestException extends RuntimeException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
