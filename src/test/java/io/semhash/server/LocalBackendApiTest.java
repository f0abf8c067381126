package io.semhash.server;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.PlantedTopicIndex;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link BackendApiContract} over the local backend: an index directory on this machine. */
class LocalBackendApiTest extends BackendApiContract {
  @TempDir static Path dir;
  static SemanticSearchService service;
  static SemhashServer server;

  @BeforeAll
  static void start() throws IOException {
    service = SemanticSearchService.open(PlantedTopicIndex.build(dir.resolve("index")));
    server = SemhashServer.start(service, new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, MAX_K, TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  @Override
  protected Served served() {
    return new Served(server.port(), service.model());
  }
}
