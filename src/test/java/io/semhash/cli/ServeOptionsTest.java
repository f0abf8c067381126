package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.config.ConfigLoader;
import io.semhash.testing.CliRun;
import io.semhash.config.SemhashConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The server flags of {@code serve}: a flag wins over the configuration, the configuration gives
 * what no flag says (picocli's default-value provider, {@link ConfigDefaults}), and a value out of
 * range is an error naming the flag when a flag gave it and the file and key when the file did.
 */
class ServeOptionsTest {
  @TempDir Path dir;

  private Path config(String yaml) throws Exception {
    Path file = dir.resolve("semhash.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void threadFlagsOutOfRangeAreErrorsNamingTheFlag() {
    CliRun run = CliRun.of("serve", "--index", "no/such/index", "--threads", "3");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash serve: error: --threads must be in [4, 1000], got 3");
    run = CliRun.of("serve", "--index", "no/such/index", "--search-threads", "-1");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip())
        .isEqualTo("semhash serve: error: --search-threads must be in [0, 1000] (0 = one per core), got -1");
    run = CliRun.of("serve", "--index", "no/such/index", "--port", "70000");
    assertThat(run.err().strip()).isEqualTo("semhash serve: error: --port must be in [0, 65535], got 70000");
    run = CliRun.of("demo", "--port", "-1", "--dir", "no/such/demo");
    assertThat(run.err().strip()).isEqualTo("semhash demo: error: --port must be in [0, 65535], got -1");
  }

  @Test
  void flagsWinAndTheConfigurationGivesTheRest() throws Exception {
    Path file = config("server:\n  port: 7171\n  threads: 10\n  search-threads: 2\n  max-k: 77\n  host: 127.0.0.2\n");
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--config", file.toString(), "--index", "x", "--threads", "12");
    SemhashConfig.Server s = serve.settings(ConfigLoader.load(file));
    assertThat(s.threads()).isEqualTo(12); // the flag
    assertThat(s.searchThreads()).isEqualTo(2); // the file, no flag
    assertThat(s.port()).isEqualTo(7171);
    assertThat(s.host()).isEqualTo("127.0.0.2");
    assertThat(s.maxK()).isEqualTo(77); // no flag at all
    assertThat(s.maxBodyBytes()).isEqualTo(SemhashConfig.defaults().server().maxBodyBytes()); // neither

    ServeCommand defaults = new ServeCommand();
    new CommandLine(defaults).parseArgs("--index", "x", "--config", file.toString(), "--port", "0", "--host", "::1");
    SemhashConfig.Server d = defaults.settings(ConfigLoader.load(file));
    assertThat(d.port()).isZero();
    assertThat(d.host()).isEqualTo("::1");
    assertThat(d.threads()).isEqualTo(10);
  }

  @Test
  void theReRankComesFromTheFileUnlessTheFlagGivesIt() throws Exception {
    assertThat(SemhashConfig.defaults().server().rerank()).isEqualTo("asymmetric");
    Path file = config("server:\n  rerank: none\n");
    ServeCommand fromFile = new ServeCommand();
    new CommandLine(fromFile).parseArgs("--config", file.toString(), "--index", "x");
    assertThat(fromFile.settings(ConfigLoader.load(file)).rerank()).isEqualTo("none");
    ServeCommand fromFlag = new ServeCommand();
    new CommandLine(fromFlag).parseArgs("--config", file.toString(), "--index", "x", "--rerank", "asymmetric");
    assertThat(fromFlag.settings(ConfigLoader.load(file)).rerank()).isEqualTo("asymmetric");

    CliRun run = CliRun.of("serve", "--rerank", "fancy", "--index", "no/such/index");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash serve: error: --rerank must be one of none, asymmetric, got 'fancy'");
    Path bad = config("server:\n  rerank: fancy\n");
    run = CliRun.of("serve", "--config", bad.toString(), "--index", "no/such/index");
    assertThat(run.err()).contains(bad.toString()).contains("server.rerank must be one of none, asymmetric, got 'fancy'");
  }

  @Test
  void withoutFlagsTheShippedConfigurationApplies() {
    ServeCommand plain = new ServeCommand();
    new CommandLine(plain).parseArgs("--index", "x");
    SemhashConfig.Server builtIn = SemhashConfig.defaults().server();
    assertThat(plain.settings(SemhashConfig.defaults())).isEqualTo(
        new SemhashConfig.Server(builtIn.host(), builtIn.port(), builtIn.maxBodyBytes(), builtIn.maxK(),
            io.semhash.server.SemhashServer.token(builtIn, System.getenv()), builtIn.threads(), builtIn.searchThreads(),
            builtIn.rerank()));
  }

  @Test
  void aConfiguredValueOutOfRangeNamesTheFileAndKey() throws Exception {
    Path file = config("server:\n  threads: 3\n");
    CliRun run = CliRun.of("serve", "--config", file.toString(), "--index", "no/such/index");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("semhash serve: error: " + file + ": server.threads must be in [4, 1000], got 3");
    // the flag, given, replaces the file's value but not its check: the file is still wrong
    run = CliRun.of("serve", "--config", file.toString(), "--index", "no/such/index", "--threads", "8");
    assertThat(run.err().strip()).isEqualTo("semhash serve: error: " + file + ": server.threads must be in [4, 1000], got 3");
  }

  @Test
  void helpShowsTheConfiguredValuesAsDefaults() throws Exception {
    Path file = config("server:\n  port: 7272\n  threads: 11\n");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SemhashCommand()).setOut(new PrintWriter(out)).setUsageHelpWidth(200);
    cli.execute("serve", "--config", file.toString(), "--help");
    assertThat(out.toString()).contains("(default: server.port of the configuration, 7272)", "(default: server.threads, 11)",
        "(default: server.host, 127.0.0.1)");
  }
}
