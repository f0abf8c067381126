package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CorpusStatsCommandTest {
  /** Runs the CLI in-process and captures stdout/stderr. */
  static CliRun runCli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = SemhashCommand.run(args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  record CliRun(int exitCode, String out, String err) {}

  @Test
  void embeddedCorpusHasTheBydateSplitsAndTwentyLabels() throws Exception {
    CliRun run = runCli("corpus-stats", "--corpus", "data/20news-bydate.tar.gz", "--json");
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
    CliRun run = runCli("corpus-stats", "--corpus", "no/such/corpus.jsonl");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash corpus-stats: error: no/such/corpus.jsonl: no such file or directory");
  }

  @Test
  void badFlagValueNamesTheFlagAndRange() {
    CliRun run = runCli("corpus-stats", "--test-fraction", "1.5");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("test-fraction must be in [0, 1), got 1.5");
  }
}
