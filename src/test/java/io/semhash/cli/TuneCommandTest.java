package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import io.semhash.testing.CliRun;
import io.semhash.testing.PlantedTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code semhash tune} end to end on a small planted-topics corpus: the table and the JSON report
 * every trial, the configuration it writes is the chosen one and {@code train} and {@code build}
 * read it, a flag given fixes its setting, and bad search flags are errors naming the flag.
 */
class TuneCommandTest {
  @TempDir Path dir;

  private Path corpus() throws Exception {
    return SmallCorpus.writeJsonl(dir.resolve("planted.jsonl"), PlantedTopics.corpus(4, 60, 30, 11));
  }

  private Path config() throws Exception {
    Path file = dir.resolve("base.yaml");
    Files.writeString(file, """
        text: {vocabulary-size: 3, min-df: 1, max-df: 1.0, stem: false}
        model: {hidden: 32, epochs: 3, patience: 3, batch-size: 32, neighbour-weight: 0.0, threads: 1}
        """);
    return file;
  }

  @Test
  void writesTheChosenSettingsAsAConfigurationThatTrainReads() throws Exception {
    Path corpus = corpus();
    Path tuned = dir.resolve("tuned.yaml");
    CliRun run = CliRun.of("tune", "--config", config().toString(), "--corpus", corpus.toString(), "--bits", "16",
        "--space", "text.vocabulary-size=3,400", "--trials", "2", "--out", tuned.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("tune: trial 1/2", "tune: trial 2/2", "ETA");
    JsonNode report = ApiJson.mapper().readTree(run.out());
    assertThat(report.get("trials")).hasSize(2);
    assertThat(report.get("chosen").get("text.vocabulary-size").asText()).isEqualTo("400");
    assertThat(report.get("trials").get(1).get("validation_precision").asDouble())
        .isGreaterThan(report.get("trials").get(0).get("validation_precision").asDouble());
    SemhashConfig written = ConfigLoader.load(tuned);
    assertThat(written.text().vocabularySize()).isEqualTo(400);
    assertThat(written.model().bits()).isEqualTo(16);
    assertThat(written.model().hidden()).isEqualTo(32); // the base configuration's other settings are kept
    assertThat(Files.readString(tuned)).startsWith("# written by semhash tune");

    Path model = dir.resolve("model");
    CliRun train = CliRun.of("train", "--config", tuned.toString(), "--corpus", corpus.toString(), "--out", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    HashingModel m = HashingModel.load(model);
    assertThat(m.manifest().options().bits()).isEqualTo(16);
    assertThat(m.manifest().vocabularySize()).isGreaterThan(3).isLessThanOrEqualTo(400);

    CliRun table = CliRun.of("tune", "--config", config().toString(), "--corpus", corpus.toString(), "--bits", "16",
        "--space", "text.vocabulary-size=3,400", "--trials", "2", "--out", tuned.toString());
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("trial", "val P@100", "vocabulary-size", "chosen: trial 2");
  }

  @Test
  void buildTuneTunesFirstThenBuildsWithTheChoice() throws Exception {
    Path index = dir.resolve("index");
    CliRun run = CliRun.of("build", "--tune", "--config", config().toString(), "--corpus", corpus().toString(),
        "--bits", "16", "--space", "text.vocabulary-size=3,400", "--trials", "2", "--out", index.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(ConfigLoader.load(dir.resolve("index.tuned.yaml")).text().vocabularySize()).isEqualTo(400);
    HashingModel m = HashingModel.load(index.resolve("model"));
    assertThat(m.manifest().vocabularySize()).isGreaterThan(3);
  }

  @Test
  void aFlagGivenIsASettingNoTrialChanges() throws Exception {
    CliRun run = CliRun.of("tune", "--config", config().toString(), "--corpus", corpus().toString(), "--bits", "16",
        "--beta", "0.5", "--trials", "1", "--out", dir.resolve("t.yaml").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode knobs = ApiJson.mapper().readTree(run.out()).get("knobs");
    assertThat(knobs.has("model.beta")).isFalse();
    assertThat(knobs.has("model.neighbour-weight")).isTrue();
    assertThat(ConfigLoader.load(dir.resolve("t.yaml")).model().beta()).isEqualTo(0.5);
  }

  @Test
  void badSearchFlagsAreErrorsNamingTheFlag() throws Exception {
    Path corpus = corpus();
    CliRun budget = CliRun.of("tune", "--corpus", corpus.toString(), "--budget", "soon", "--out", dir.resolve("x.yaml").toString());
    assertThat(budget.exitCode()).isNotZero();
    assertThat(budget.err()).contains("--budget 'soon'").doesNotContain("Exception");
    CliRun space = CliRun.of("tune", "--corpus", corpus.toString(), "--space", "model.beta", "--out", dir.resolve("x.yaml").toString());
    assertThat(space.err()).contains("--space 'model.beta': expected KEY=V1,V2");
    CliRun unknown = CliRun.of("tune", "--corpus", corpus.toString(), "--space", "model.colour=1,2", "--out", dir.resolve("x.yaml").toString());
    assertThat(unknown.err()).contains("'model.colour' is not a setting");
    assertThat(Files.exists(dir.resolve("x.yaml"))).isFalse();
  }
}
