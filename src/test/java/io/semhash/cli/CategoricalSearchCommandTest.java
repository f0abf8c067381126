package io.semhash.cli;

import static io.semhash.testing.BitLikelihood.negativeLogLikelihood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.codes.BitCode;
import io.semhash.model.HashingModel;
import io.semhash.testing.CliRun;
import io.semhash.testing.PlantedTopicIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code semhash search --rerank asymmetric} over an index of categorical codes (8 groups x 4 classes). */
class CategoricalSearchCommandTest {
  @TempDir static Path dir;
  static Path index;
  static HashingModel model;

  @BeforeAll
  static void build() throws Exception {
    index = PlantedTopicIndex.buildCategorical(dir.resolve("index"));
    model = HashingModel.load(index.resolve("model"));
  }

  @Test
  void rerankGivesTheCodesTheQueryFindsMostLikelyFromItsClassProbabilities() throws Exception {
    String query = "tbxa tbxd sharedxa";
    float[] logits = model.logits(query);
    List<Double> likeliest = PlantedTopicIndex.documents().stream()
        .map(d -> negativeLogLikelihood(model.codeSpec(), logits, model.code(d.fullText()))).sorted().limit(8).toList();
    CliRun run = CliRun.of("search", "--index", index.toString(), "--rerank", "asymmetric", "--k", "8", "--json", query);
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Double> found = new ArrayList<>();
    BitCode queryCode = model.code(query);
    for (JsonNode hit : new ObjectMapper().readTree(run.out()).get("results")) {
      BitCode code = BitCode.fromHex(hit.get("code_hex").asText(), model.bits());
      found.add(negativeLogLikelihood(model.codeSpec(), logits, code));
      assertThat(hit.get("distance").asInt()).isEqualTo(model.codeShape().symbolDistance(code, queryCode));
    }
    assertThat(found).hasSize(8);
    for (int i = 0; i < 8; i++) {
      assertThat(found.get(i)).as("hit %d", i).isCloseTo(likeliest.get(i), within(1e-6));
    }
    CliRun hybrid = CliRun.of("search", "--index", index.toString(), "--rerank", "asymmetric", "--mode", "hybrid", "--k", "5",
        "--json", query);
    assertThat(hybrid.exitCode()).as(hybrid.err()).isZero();
    assertThat(new ObjectMapper().readTree(hybrid.out()).get("results")).hasSize(5);
  }
}
