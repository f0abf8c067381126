package io.semhash.testing;

import io.semhash.cli.SemhashCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the {@code semhash} command line, with what it printed.
 *
 * @param exitCode what the process would exit with
 * @param out standard output
 * @param err standard error (errors, progress)
 */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code semhash args...} in this JVM, capturing both streams. Not safe to call from two threads at once. */
  public static synchronized CliRun of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = SemhashCommand.run(args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
