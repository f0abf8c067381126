package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.testing.CliRun;
import io.semhash.config.SemhashConfig;
import org.junit.jupiter.api.Test;

/** The thread flags of {@code serve}: range errors name the flag, and a flag overrides the configuration. */
class ServeOptionsTest {

  @Test
  void threadFlagsOutOfRangeAreErrorsNamingTheFlag() {
    CliRun run = CliRun.of("serve", "--index", "no/such/index", "--threads", "3");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash serve: error: --threads must be in [4, 1000], got 3");
    run = CliRun.of("serve", "--index", "no/such/index", "--search-threads", "-1");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip())
        .isEqualTo("semhash serve: error: --search-threads must be in [0, 1000] (0 = one per core), got -1");
  }

  @Test
  void flagsOverrideTheConfigurationAndTheRestIsKept() {
    SemhashConfig config = SemhashConfig.defaults();
    SemhashConfig.Server s = ServerSettings.of(config, null, 0, 12, 3);
    assertThat(s.threads()).isEqualTo(12);
    assertThat(s.searchThreads()).isEqualTo(3);
    assertThat(s.host()).isEqualTo(config.server().host());
    SemhashConfig.Server kept = ServerSettings.of(config, null, 0, null, null);
    assertThat(kept.threads()).isEqualTo(config.server().threads());
    assertThat(kept.searchThreads()).isEqualTo(config.server().searchThreads());
  }
}
