package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help}: exit 0, its usage line, and no picocli warning (a stray % in a description). */
class CommandHelpTest {
  @Test
  void everyCommandHasCleanHelp() {
    List<String> names = new CommandLine(new SemhashCommand()).getSubcommands().keySet().stream()
        .filter(n -> !n.equals("help"))
        .toList();
    assertThat(names).contains("train", "eval", "bits", "index", "search", "serve", "build", "demo");
    for (String name : names) {
      CliRun run = CliRun.of(name, "--help");
      assertThat(run.exitCode()).as(name).isZero();
      assertThat(run.out()).as(name).startsWith("Usage: semhash " + name);
      assertThat(run.out() + run.err()).as(name).doesNotContain("WARN").doesNotContain("%n").doesNotContain("%%");
    }
  }
}
