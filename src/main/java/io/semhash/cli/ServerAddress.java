package io.semhash.cli;

import picocli.CommandLine.Option;

/**
 * Where a serving command listens: {@code --host} and {@code --port}, defaulting to {@code
 * server.host} and {@code server.port} of the configuration ({@link ConfigDefaults}).
 */
final class ServerAddress {
  @Option(names = "--host", descriptionKey = "server.host", paramLabel = "HOST",
      description = "bind address (default: server.host, ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", descriptionKey = "server.port", paramLabel = "PORT",
      description = "port, 0..65535 (default: server.port of the configuration, ${DEFAULT-VALUE})")
  int port;
}
