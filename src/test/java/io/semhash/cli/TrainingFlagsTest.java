package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.corpus.CorpusOptions;
import io.semhash.model.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The training and corpus flags of {@code train} and {@code build}: a flag wins, the
 * configuration file gives what no flag says, and the built-in defaults the rest (picocli's
 * default-value provider, {@link ConfigDefaults}).
 */
class TrainingFlagsTest {
  @TempDir Path dir;

  @Test
  void flagsWinTheFileGivesTheRestTheDefaultsWhatNeitherSays() throws Exception {
    Path file = dir.resolve("semhash.yaml");
    Files.writeString(file, "corpus:\n  test-fraction: 0.3\nmodel:\n  bits: 32\n  beta: 0.5\n  epochs: 7\n  threads: 1\n");
    SemhashConfig defaults = SemhashConfig.defaults();
    for (String command : new String[] {"train", "build"}) {
      Object cmd = command.equals("train") ? new TrainCommand() : new BuildCommand();
      new CommandLine(cmd).parseArgs("--config", file.toString(), "--out", "x", "--bits", "128", "--skip-bad");
      ModelArgs model = cmd instanceof TrainCommand t ? t.modelArgs : ((BuildCommand) cmd).modelArgs;
      CorpusArgs corpus = cmd instanceof TrainCommand t ? t.corpusArgs : ((BuildCommand) cmd).corpusArgs;
      TrainingOptions o = model.options(ConfigLoader.load(file));
      assertThat(o.bits()).as(command).isEqualTo(128); // the flag over the file's 32
      assertThat(o.beta()).as(command).isEqualTo(0.5); // the file
      assertThat(o.epochs()).as(command).isEqualTo(7);
      assertThat(o.learningRate()).as(command).isEqualTo(defaults.model().learningRate()); // neither
      assertThat(o.estimator()).as(command).isEqualTo(defaults.model().estimator());
      assertThat(model.threads()).as(command).isEqualTo(1);
      assertThat(corpus.options()).as(command).isEqualTo(new CorpusOptions(0.3, true));
    }
  }

  @Test
  void withoutConfigTheProjectsConfigurationFileApplies() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--out", "x");
    SemhashConfig defaults = ConfigLoader.load(null);
    assertThat(train.modelArgs.bits).isEqualTo(defaults.model().bits());
    assertThat(train.modelArgs.neighbourWeight).isEqualTo(defaults.model().neighbourWeight());
    assertThat(train.corpusArgs.options()).isEqualTo(new CorpusOptions(defaults.corpus().testFraction(), defaults.corpus().skipBad()));
  }

  @Test
  void perWidthSettingsApplyAtTheirWidthAndAFlagWins() throws Exception {
    Path file = dir.resolve("semhash.yaml");
    Files.writeString(file, "model:\n  beta: 0.7\nby-bits:\n  32: {beta: 1.5}\n  128: {neighbour-weight: 9.0}\n");
    SemhashConfig config = ConfigLoader.load(file);
    assertThat(parse(config, file, "--bits", "32").beta()).isEqualTo(1.5);
    assertThat(parse(config, file, "--bits", "32", "--beta", "0.2").beta()).isEqualTo(0.2);
    assertThat(parse(config, file, "--bits", "64").beta()).isEqualTo(0.7);
    TrainingOptions o = parse(config, file, "--bits", "128");
    assertThat(o.beta()).isEqualTo(0.7);
    assertThat(o.neighbourWeight()).isEqualTo(9.0);
    Files.writeString(file, "model:\n  bits: 32\n  beta: 0.7\nby-bits: {}\n");
    SemhashConfig plain = ConfigLoader.load(file);
    assertThat(parse(plain, file).beta()).isEqualTo(0.7);
    // the shipped configuration: 16 bits train with its own KL weight
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--out", "x", "--bits", "16");
    assertThat(train.modelArgs.options(ConfigLoader.load(null)).beta()).isEqualTo(2.0);
  }

  @Test
  void categoricalCodeFlagsAndKeys() throws Exception {
    Path file = dir.resolve("semhash.yaml");
    Files.writeString(file, "model:\n  classes: 4\n");
    SemhashConfig config = ConfigLoader.load(file);
    TrainingOptions o = parse(config, file, "--code", "categorical", "--bits", "64", "--estimator", "st");
    assertThat(o.code()).isEqualTo(io.semhash.codes.CodeSpec.categorical(32, 4)); // classes from the file
    assertThat(o.estimator()).isEqualTo("st");
    o = parse(config, file, "--code", "categorical", "--groups", "8", "--classes", "256");
    assertThat(o.code()).isEqualTo(io.semhash.codes.CodeSpec.categorical(8, 256));
    assertThat(o.bits()).isEqualTo(64);
    assertThat(parse(config, file).code()).isEqualTo(io.semhash.codes.CodeSpec.binary(64)); // binary by default
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(config, file, "--classes", "16"))
        .hasMessageContaining("--classes").hasMessageContaining("--code categorical");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(config, file, "--code", "categorical", "--estimator", "darn"))
        .hasMessageContaining("darn").hasMessageContaining("zgr, st, stgs, grmc");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(config, file, "--code", "categorical", "--groups", "8",
        "--classes", "16", "--bits", "64"))
        .hasMessageContaining("8 groups of 16 classes store 32 bits");
  }

  private static TrainingOptions parse(SemhashConfig config, Path file, String... flags) {
    TrainCommand train = new TrainCommand();
    String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--config", file.toString(), "--out", "x"),
        java.util.Arrays.stream(flags)).toArray(String[]::new);
    new CommandLine(train).parseArgs(args);
    return train.modelArgs.options(config);
  }
}
