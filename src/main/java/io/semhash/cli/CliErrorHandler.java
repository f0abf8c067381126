package io.semhash.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Turns a failed command into one line on standard error naming the problem and exit code 1;
 * the stack trace only with {@code --debug}. File-system errors whose message is only a path (a
 * permission denied, a missing file) get their reason added, and a message of several lines is
 * cut to its first.
 */
final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler {
  private static final int MAX_MESSAGE_CHARS = 1_000;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
    boolean debug = parsed.expandedArgs().contains("--debug")
        || (parsed.subcommand() != null && parsed.subcommand().expandedArgs().contains("--debug"));
    cli.getErr().println("semhash " + cli.getCommandName() + ": error: " + message(ex));
    if (debug) {
      ex.printStackTrace(cli.getErr());
    }
    return 1;
  }

  /** One line: what went wrong, with the file when there is one. */
  static String message(Throwable ex) {
    String message;
    if (ex instanceof FileSystemException fs && fs.getReason() == null && fs.getFile() != null) {
      String reason = ex instanceof AccessDeniedException ? "permission denied"
          : ex instanceof NoSuchFileException ? "no such file or directory"
          : ex instanceof NotDirectoryException ? "not a directory"
          : ex.getClass().getSimpleName();
      message = fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": " + reason;
    } else {
      message = ex.getMessage() != null && !ex.getMessage().isBlank() ? ex.getMessage() : ex.getClass().getSimpleName();
    }
    message = message.strip();
    int nl = message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl).strip();
    }
    return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message;
  }
}
