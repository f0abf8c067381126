package io.semhash.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (an unparseable or ambiguous
 * URI, headers too large, ...): the same {@code {"error", "message"}} JSON and security headers
 * as every other error, never Jetty's HTML page or a stack trace.
 */
final class JettyJsonErrors extends ErrorHandler {
  JettyJsonErrors() {
    setShowStacks(false);
    setShowServlet(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
      throws IOException {
    SecurityHeaders.apply(response::setHeader);
    response.setContentType("application/json");
    response.setCharacterEncoding("utf-8");
    byte[] body = json(code).getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    SecurityHeaders.apply(fields::put);
    return ByteBuffer.wrap(json(status).getBytes(StandardCharsets.UTF_8));
  }

  private static String json(int status) {
    String error = switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
    String message = switch (status) {
      case 400 -> "the request could not be understood (malformed or ambiguous URI or headers)";
      case 404 -> "not found";
      case 414 -> "the request URI is too long";
      case 431 -> "the request headers are too large";
      default -> status >= 500 ? "internal error" : "request refused";
    };
    return "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}";
  }
}
