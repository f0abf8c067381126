package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training flags that the commands check before reading the corpus: thread count and
 * estimator. The corpus named does not exist, so an error about the flag shows it was checked
 * first; the messages are those of the commands before the training package was split out.
 */
class TrainingOptionErrorsTest {
  private static final String NO_CORPUS = "no/such/corpus.jsonl";

  @Test
  void threadsFlagOutOfRangeNamesTheFlag(@TempDir Path dir) {
    CliRun run = CliRun.of(
        "train", "--corpus", NO_CORPUS, "--out", dir.resolve("m").toString(), "--threads", "300");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash train: error: --threads must be in [0, 256] (0 = one per core), got 300");
    run = CliRun.of("build", "--corpus", NO_CORPUS, "--out", dir.resolve("i").toString(), "--threads", "-1");
    assertThat(run.err().strip()).isEqualTo("semhash build: error: --threads must be in [0, 256] (0 = one per core), got -1");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void threadsKeyOutOfRangeNamesTheKey(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("semhash.yaml"), "model:\n  threads: -2\n");
    CliRun run = CliRun.of(
        "build", "--config", config.toString(), "--corpus", NO_CORPUS, "--out", dir.resolve("i").toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash build: error: model.threads must be in [0, 256] (0 = one per core), got -2");
    // the flag wins over the key, and a flag in range passes on to the next check
    run = CliRun.of(
        "train", "--config", config.toString(), "--corpus", NO_CORPUS, "--out", dir.resolve("m").toString(), "--threads", "1");
    assertThat(run.err().strip()).isEqualTo("semhash train: error: " + NO_CORPUS + ": no such file or directory");
  }

  @Test
  void unknownEstimatorOrBadTemperatureIsRefusedBeforeTheCorpusIsRead(@TempDir Path dir) {
    String out = dir.resolve("m").toString();
    CliRun run = CliRun.of(
        "train", "--corpus", NO_CORPUS, "--out", out, "--estimator", "foo");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip())
        .isEqualTo("semhash train: error: unknown binary estimator 'foo', allowed: zgr, st, darn, gs, stgs, grmc");
    run = CliRun.of("train", "--corpus", NO_CORPUS, "--out", out, "--estimator", "gs", "--tau", "-1");
    assertThat(run.err().strip()).isEqualTo("semhash train: error: gs: temperature tau must be finite and > 0, got -1.0");
    // τ is no concern of ZGR: the same value passes on to the next check
    run = CliRun.of("train", "--corpus", NO_CORPUS, "--out", out, "--estimator", "zgr", "--tau", "-1");
    assertThat(run.err().strip()).isEqualTo("semhash train: error: " + NO_CORPUS + ": no such file or directory");
  }

  @Test
  void bitDecorrelationOutOfRangeIsRefusedAndInRangePassesOn(@TempDir Path dir) throws IOException {
    String out = dir.resolve("m").toString();
    CliRun run = CliRun.of("train", "--corpus", NO_CORPUS, "--out", out, "--bit-decorrelation", "-0.5");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash train: error: bit-decorrelation must be in [0, 1000], got -0.5");
    Path config = Files.writeString(dir.resolve("semhash.yaml"), "model:\n  bit-decorrelation: 2000\n");
    run = CliRun.of("train", "--config", config.toString(), "--corpus", NO_CORPUS, "--out", out);
    assertThat(run.err().strip()).contains("bit-decorrelation must be in [0, 1000], got 2000.0");
    run = CliRun.of("train", "--config", config.toString(), "--corpus", NO_CORPUS, "--out", out, "--bit-decorrelation", "4");
    assertThat(run.err().strip()).isEqualTo("semhash train: error: " + NO_CORPUS + ": no such file or directory");
    run = CliRun.of("train", "--corpus", NO_CORPUS, "--out", out, "--bit-decorrelation", "1", "--code", "categorical");
    assertThat(run.err().strip()).contains("bit-decorrelation are for binary codes");
  }
}
