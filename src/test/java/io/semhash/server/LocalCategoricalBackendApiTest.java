package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.config.SemhashConfig;
import io.semhash.search.SemanticSearchService;
import io.semhash.testing.PlantedTopicIndex;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BackendApiContract} over the local backend holding categorical codes (8 groups x 4
 * classes): the same cases, with distances counted in symbols.
 */
class LocalCategoricalBackendApiTest extends BackendApiContract {
  @TempDir static Path dir;
  static SemanticSearchService service;
  static SemhashServer server;

  @BeforeAll
  static void start() throws IOException {
    service = SemanticSearchService.open(PlantedTopicIndex.buildCategorical(dir.resolve("index")));
    assertThat(service.backend().shape()).isEqualTo(PlantedTopicIndex.CATEGORICAL.shape());
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
