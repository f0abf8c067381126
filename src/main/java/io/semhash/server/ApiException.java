package io.semhash.server;

/**
 * A request the server refuses, with the HTTP status and the short error code of the JSON error
 * body {@code {"error": code, "message": message}}. The message is meant for people and never
 * holds a stack trace.
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final String error;

  private ApiException(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  static ApiException malformedJson(String message) {
    return new ApiException(400, "malformed_json", message);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  static ApiException conflict(String error, String message) {
    return new ApiException(409, error, message);
  }

  static ApiException payloadTooLarge(String message) {
    return new ApiException(413, "payload_too_large", message);
  }

  static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "unsupported_media_type", message);
  }

  static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  ApiError body() {
    return new ApiError(error, getMessage());
  }
}
