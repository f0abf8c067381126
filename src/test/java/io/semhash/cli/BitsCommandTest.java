package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.testing.PlantedTopicIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code semhash bits}: text and JSON over a model directory, and its argument checks. */
class BitsCommandTest {
  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void build() throws Exception {
    model = PlantedTopicIndex.build(dir.resolve("index")).resolve("model");
  }

  @Test
  void listsEveryBitsWords() throws Exception {
    CliRun text = CliRun.of("bits", "--model", model.toString(), "--top", "3", "--rank", "decoder");
    assertThat(text.exitCode()).as(text.err()).isZero();
    String[] lines = text.out().strip().split("\n");
    assertThat(lines).hasSize(17);
    assertThat(lines[0]).startsWith("16 bits, estimator zgr");
    assertThat(lines[1]).matches(" {2}0 {2}\\w+ \\w+ \\w+ \\| \\w+ \\w+ \\w+");

    CliRun json = CliRun.of("bits", "--model", model.toString(), "--top", "2", "--json", "--rank", "decoder");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("bits").asInt()).isEqualTo(16);
    assertThat(report.get("meanings")).hasSize(16);
    JsonNode first = report.get("meanings").get(0).get("on");
    assertThat(first).hasSize(2);
    assertThat(first.get(0).get("weight").asDouble()).isGreaterThanOrEqualTo(first.get(1).get("weight").asDouble());
    assertThat(report.get("health").isNull()).isTrue();
    assertThat(report.get("rank").asText()).isEqualTo("decoder");
    assertThat(first.get(0).get("contrast").isNull()).isTrue();
  }

  @Test
  void healthEncodesTheTrainSplit() throws Exception {
    Path corpus = SmallCorpus.writeJsonl(dir);
    long train = SmallCorpus.documents().stream().filter(d -> d.split() == io.semhash.corpus.Split.TRAIN).count();
    CliRun text = CliRun.of("bits", "--model", model.toString(), "--top", "2", "--health",
        "--corpus", corpus.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    String[] lines = text.out().strip().split("\n");
    assertThat(lines[1]).matches(" {2}0 +\\d+\\.\\d% .*");
    assertThat(lines[lines.length - 1]).matches(train + " documents \\(train split\\): \\d+ dead bits, \\d+ redundant bits, pairs .*");
  }

  @Test
  void badArgumentsFail() {
    assertThat(CliRun.of("bits", "--model", model.toString(), "--top", "0").exitCode()).isNotZero();
    CliRun rank = CliRun.of("bits", "--model", model.toString(), "--rank", "weight");
    assertThat(rank.exitCode()).isNotZero();
    assertThat(rank.err()).contains("--rank must be contrast or decoder, got 'weight'");
    CliRun missing = CliRun.of("bits", "--model", dir.resolve("nope").toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("nope");
  }
}
