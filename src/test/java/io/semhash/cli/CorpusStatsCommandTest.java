package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CorpusStatsCommandTest {
  /** Runs the CLI in-process and captures stdout/stderr. */
  @Test
  void embeddedCorpusHasTheBydateSplitsAndTwentyLabels() throws Exception {
    CliRun run = CliRun.of("corpus-stats", "--corpus", "data/20news-bydate.tar.gz", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("per_split").get("train").asInt()).isEqualTo(11_314);
    assertThat(json.get("per_split").get("test").asInt()).isEqualTo(7_532);
    assertThat(json.get("per_label").size()).isEqualTo(20);
    assertThat(json.get("vocabulary_size").asInt()).isEqualTo(10_000);
    assertThat(json.get("mean_tokens").asDouble()).isBetween(50.0, 500.0);
  }

  @Test
  void missingCorpusIsOneLineErrorAndNonZeroExit() {
    CliRun run = CliRun.of("corpus-stats", "--corpus", "no/such/corpus.jsonl");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash corpus-stats: error: no/such/corpus.jsonl: no such file or directory");
  }

  @Test
  void badFlagValueNamesTheFlagAndRange() {
    CliRun run = CliRun.of("corpus-stats", "--test-fraction", "1.5");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("test-fraction must be in [0, 1), got 1.5");
  }
}
