package io.semhash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code semhash} command line: one subcommand per job. */
@Command(
    name = "semhash",
    mixinStandardHelpOptions = true,
    versionProvider = SemhashCommand.Version.class,
    description = "Semantic hashing document search: binary codes from a VAE trained with ZGR.",
    subcommands = {CorpusStatsCommand.class, TrainCommand.class, EvalCommand.class, BitsCommand.class, IndexCommand.class, SearchCommand.class, ServeCommand.class, SolrLoadCommand.class, EstimatorsCommand.class, BuildCommand.class, TuneCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class SemhashCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(OpenBlasCore.relaunchIfUseful(args).orElseGet(() -> run(args)));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new SemhashCommand());
    cli.setExecutionExceptionHandler(new CliErrorHandler());
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command (see 'semhash --help')");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SemhashCommand.class.getPackage().getImplementationVersion();
      return new String[] {"semhash " + (v != null ? v : "dev")};
    }
  }
}
