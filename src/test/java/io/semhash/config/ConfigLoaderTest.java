package io.semhash.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
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
  void missingExplicitFileIsAnError() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("does-not-exist.yaml")))
        .hasMessageContaining("does-not-exist.yaml: config file not found");
  }
}
