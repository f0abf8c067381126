package io.semhash.server;

import java.util.Locale;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;

/**
 * Jetty's HTTP/1.1 connections, except that a request whose path climbs above the root
 * ({@code /../pom.xml}, {@code /%2e%2e/...}, {@code /..%2f...}) is answered 404 rather than
 * Jetty's 400 "Bad URI". Jetty refuses such paths before any handler runs, so nothing is ever
 * served from outside {@code web/} either way; the 404 just tells a prober that nothing is there,
 * the same answer as for any other missing file.
 */
final class EscapingPathsNotFound extends HttpConnectionFactory {
  EscapingPathsNotFound(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection =
        new HttpConnection(getHttpConfiguration(), connector, endPoint, isRecordHttpComplianceViolations()) {
          @Override
          protected HttpChannelOverHttp newHttpChannel() {
            return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
              @Override
              public void onBadMessage(BadMessageException failure) {
                super.onBadMessage(
                    failure.getCode() == 400 && climbsAboveRoot(getRequest())
                        ? new BadMessageException(404, "Not Found")
                        : failure);
              }
            };
          }
        };
    connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
    connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
    return configure(connection, connector, endPoint);
  }

  static boolean climbsAboveRoot(Request request) {
    MetaData.Request meta = request == null ? null : request.getMetaData();
    HttpURI uri = meta == null ? null : meta.getURI();
    String path = uri == null ? null : uri.getPath();
    if (path == null) {
      return false;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.contains("..") || lower.contains("%2e%2e") || lower.contains(".%2e") || lower.contains("%2e.");
  }
}
