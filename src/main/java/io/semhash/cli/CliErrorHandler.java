package io.semhash.cli;

import picocli.CommandLine;

/**
 * Turns a failed command into one line on standard error naming the problem and exit code 1;
 * the stack trace only with {@code --debug}.
 */
final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
    boolean debug = parsed.expandedArgs().contains("--debug")
        || (parsed.subcommand() != null && parsed.subcommand().expandedArgs().contains("--debug"));
    String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    cli.getErr().println("semhash " + cli.getCommandName() + ": error: " + message);
    if (debug) {
      ex.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
