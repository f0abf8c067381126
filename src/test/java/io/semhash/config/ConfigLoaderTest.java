package io.semhash.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  @Test
  void settingsByKeyAreReadAsTheFileIsAndTheWrittenSectionsReadBackTheSame() {
    SemhashConfig d = SemhashConfig.defaults();
    SemhashConfig c = ConfigLoader.with(d, java.util.Map.of("model.beta", "0.25", "text.stem", "false", "model.neighbours", "7"), "t");
    assertThat(c.model().beta()).isEqualTo(0.25);
    assertThat(c.text().stem()).isFalse();
    assertThat(c.model().neighbours()).isEqualTo(7);
    assertThat(c.model().bits()).isEqualTo(d.model().bits());
    assertThatThrownBy(() -> ConfigLoader.with(d, java.util.Map.of("model.neighbours", "many"), "t"))
        .hasMessageContaining("t: key 'model.neighbours' has the wrong type");
    assertThatThrownBy(() -> ConfigLoader.with(d, java.util.Map.of("model.colour", "1"), "t"))
        .hasMessageContaining("unknown key 'model.colour'");
    String text = ConfigLoader.yaml(c, java.util.List.of("corpus", "text", "model"), java.util.List.of("a header"));
    assertThat(text).startsWith("# a header\n").doesNotContain("server");
    SemhashConfig back = ConfigLoader.parse(text, "written");
    assertThat(back.text()).isEqualTo(c.text());
    assertThat(back.model()).isEqualTo(c.model());
    assertThat(back.corpus()).isEqualTo(c.corpus());
  }

  @Test
  void shippedConfigFileStatesExactlyTheBuiltInDefaults() {
    assertThat(ConfigLoader.load(Path.of("config", "semhash.yaml"))).isEqualTo(SemhashConfig.defaults());
  }

  @Test
  void partialFileOverridesOnlyWhatItNames() {
    SemhashConfig c = ConfigLoader.parse("model:\n  bits: 32\ntext:\n  stem: false\n", "t.yaml");
    assertThat(c.model().bits()).isEqualTo(32);
    assertThat(c.text().stem()).isFalse(); // the default is true
    assertThat(c.model().hidden()).isEqualTo(SemhashConfig.defaults().model().hidden());
  }

  @Test
  void unknownKeyIsAnErrorNamingFileAndKey() {
    assertThatThrownBy(() -> ConfigLoader.parse("text:\n  vocab-size: 5\n", "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("t.yaml")
        .hasMessageContaining("unknown key 'text.vocab-size'")
        .hasMessageContaining("vocabulary-size");
    assertThatThrownBy(() -> ConfigLoader.parse("nonsense: 1\n", "t.yaml"))
        .hasMessageContaining("unknown key 'nonsense'");
  }

  @Test
  void wrongTypeIsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> ConfigLoader.parse("model:\n  bits: many\n", "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'model.bits' has the wrong type");
    assertThatThrownBy(() -> ConfigLoader.parse("model: 5\n", "t.yaml"))
        .hasMessageContaining("key 'model' must be a section");
  }

  @Test
  void valueOutOfRangeIsAnErrorAtLoadNamingFileKeyAndRange() {
    assertThatThrownBy(() -> ConfigLoader.parse("server:\n  threads: 3\n", "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml: server.threads must be in [4, 1000], got 3");
    assertThatThrownBy(() -> ConfigLoader.parse("server:\n  port: 70000\n", "t.yaml"))
        .hasMessage("t.yaml: server.port must be in [0, 65535], got 70000");
    assertThatThrownBy(() -> ConfigLoader.parse("server:\n  max-k: 0\n", "t.yaml"))
        .hasMessage("t.yaml: server.max-k must be at least 1, got 0");
    assertThatThrownBy(() -> ConfigLoader.parse("server:\n  host: ''\n", "t.yaml"))
        .hasMessage("t.yaml: server.host must not be empty");
    assertThatThrownBy(() -> ConfigLoader.parse("corpus:\n  test-fraction: 1.5\n", "t.yaml"))
        .hasMessage("t.yaml: test-fraction must be in [0, 1), got 1.5");
    assertThatThrownBy(() -> ConfigLoader.parse("text:\n  max-df: 0.0\n", "t.yaml"))
        .hasMessage("t.yaml: max-df must be in (0, 1], got 0.0");
    // the edges are allowed
    SemhashConfig edges = ConfigLoader.parse("server:\n  threads: 1000\n  port: 0\n  search-threads: 0\n", "t.yaml");
    assertThat(edges.server().threads()).isEqualTo(1000);
  }

  @Test
  void valueOfAKeyIsTheSettingAsText() {
    SemhashConfig c = ConfigLoader.parse("server:\n  port: 7171\nmodel:\n  learning-rate: 0.01\n", "t.yaml");
    assertThat(ConfigLoader.value(c, "server.port")).isEqualTo("7171");
    assertThat(ConfigLoader.value(c, "server.host")).isEqualTo("127.0.0.1");
    assertThat(ConfigLoader.value(c, "model.learning-rate")).isEqualTo("0.01");
    assertThat(ConfigLoader.value(c, "server")).isNull();
    assertThat(ConfigLoader.value(c, "server.nope")).isNull();
  }

  @Test
  void missingExplicitFileIsAnError() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("does-not-exist.yaml")))
        .hasMessageContaining("does-not-exist.yaml: config file not found");
  }

  @Test
  void perWidthSettingsApplyAtTheirCodeLengthUnlessFixed() {
    SemhashConfig d = SemhashConfig.defaults();
    assertThat(d.byBits()).containsOnlyKeys(16, 32);
    double beta = d.model().beta();
    assertThat(ConfigLoader.atWidth(ConfigLoader.with(d, java.util.Map.of("model.bits", "16"), "t"), java.util.Set.of(), "t")
        .model().beta()).isEqualTo(2.0);
    SemhashConfig at32 = ConfigLoader.atWidth(ConfigLoader.with(d, java.util.Map.of("model.bits", "32"), "t"), java.util.Set.of(), "t");
    assertThat(at32.model().beta()).isEqualTo(1.5);
    assertThat(at32.model().neighbourWeight()).isEqualTo(d.model().neighbourWeight()); // only what the width names
    assertThat(at32.byBits()).as("applied once, the table is gone").isEmpty();
    assertThat(ConfigLoader.atWidth(d, java.util.Set.of(), "t").model().beta()).isEqualTo(beta); // 64 bits: no entry
    // a setting a flag gave is kept
    assertThat(ConfigLoader.atWidth(ConfigLoader.with(d, java.util.Map.of("model.bits", "16"), "t"), java.util.Set.of("model.beta"), "t")
        .model().beta()).isEqualTo(beta);
  }

  @Test
  void aFilesPerWidthTableReplacesTheBuiltInOneWhole() {
    SemhashConfig c = ConfigLoader.parse("model:\n  bits: 16\nby-bits:\n  128: {beta: 0.5, neighbour-weight: 7.0}\n", "t.yaml");
    assertThat(c.byBits()).containsOnlyKeys(128);
    assertThat(ConfigLoader.atWidth(c, java.util.Set.of(), "t").model().beta()).isEqualTo(SemhashConfig.defaults().model().beta());
    SemhashConfig at128 = ConfigLoader.atWidth(ConfigLoader.with(c, java.util.Map.of("model.bits", "128"), "t"), java.util.Set.of(), "t");
    assertThat(at128.model().beta()).isEqualTo(0.5);
    assertThat(at128.model().neighbourWeight()).isEqualTo(7.0);
    assertThat(ConfigLoader.parse("by-bits: {}\n", "t.yaml").byBits()).isEmpty();
    // written out (as the tuner does) and read back: no table, so the written settings hold at every width
    String text = ConfigLoader.yaml(ConfigLoader.atWidth(c, java.util.Set.of(), "t"),
        java.util.List.of("model", ConfigLoader.BY_BITS), java.util.List.of());
    assertThat(ConfigLoader.parse(text, "written").byBits()).isEmpty();
  }

  @Test
  void badPerWidthEntriesAreErrorsNamingTheEntry() {
    assertThatThrownBy(() -> ConfigLoader.parse("by-bits:\n  16: {colour: 1}\n", "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("t.yaml: unknown key 'by-bits.16.colour'")
        .hasMessageContaining("beta");
    assertThatThrownBy(() -> ConfigLoader.parse("by-bits:\n  16: {bits: 32}\n", "t.yaml"))
        .hasMessageContaining("unknown key 'by-bits.16.bits'");
    assertThatThrownBy(() -> ConfigLoader.parse("by-bits:\n  16: {beta: -1.0}\n", "t.yaml"))
        .hasMessageContaining("t.yaml: by-bits.16: beta must be in [0, ∞), got -1.0");
    assertThatThrownBy(() -> ConfigLoader.parse("by-bits:\n  16: {beta: lots}\n", "t.yaml"))
        .hasMessageContaining("key 'model.beta' has the wrong type");
    assertThatThrownBy(() -> ConfigLoader.parse("by-bits:\n  4: {beta: 1.0}\n", "t.yaml"))
        .hasMessageContaining("by-bits.4: ").hasMessageContaining("4");
    assertThatThrownBy(() -> ConfigLoader.parse("by-bits: 16\n", "t.yaml"))
        .hasMessageContaining("key 'by-bits' must be a mapping");
  }
}
