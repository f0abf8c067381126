package io.semhash.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses OpenBLAS's kernels for a training command, relaunching the JVM once with {@code
 * OPENBLAS_CORETYPE} set.
 *
 * <p>Why: the OpenBLAS that ND4J 1.0.0-M2.1 bundles (0.3.19) picks its kernels by CPU model at
 * load time, and on processors newer than it knows it falls back to the generic SSE3 "Prescott"
 * kernels. On this project's machine (AVX-512) that made the decoder's matrix products 2–3×
 * slower than the SkylakeX kernels (docs/BENCHMARKS.md, "Model training step"). The choice is
 * read from the environment when the library loads, and a JVM cannot change its own environment,
 * so the command is started again, once, with the variable set from the CPU's feature flags.
 * Nothing happens when the variable is already set (the user's choice wins, and the relaunched
 * process never relaunches), for commands that do not train, or when the flags or the process's
 * own command line cannot be read.
 */
final class OpenBlasCore {
  static final String VARIABLE = "OPENBLAS_CORETYPE";
  /** Commands that train a network (the only heavy users of OpenBLAS). */
  static final Set<String> TRAINING_COMMANDS = Set.of("train", "build", "demo");

  private OpenBlasCore() {}

  /**
   * Prints the core this machine's CPU gets, or nothing when OpenBLAS's own choice stands: for
   * bench scripts that start a JVM of their own, so the choice is made in one place.
   */
  public static void main(String[] args) throws IOException {
    coreFor(flags(Files.readString(Path.of("/proc/cpuinfo")))).ifPresent(System.out::println);
  }

  /**
   * The OpenBLAS core name for a CPU with these {@code /proc/cpuinfo} flags: SkylakeX with the
   * AVX-512 subsets its kernels use, Haswell with AVX2 and FMA, otherwise none (OpenBLAS's own
   * choice stands).
   */
  static Optional<String> coreFor(Set<String> flags) {
    if (flags.containsAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))) {
      return Optional.of("SkylakeX");
    }
    if (flags.containsAll(Set.of("avx2", "fma"))) {
      return Optional.of("Haswell");
    }
    return Optional.empty();
  }

  /** The flags of the first processor in a {@code /proc/cpuinfo} text (empty if none). */
  static Set<String> flags(String cpuinfo) {
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
        return Set.of(line.substring(colon + 1).trim().split("\\s+"));
      }
    }
    return Set.of();
  }

  /**
   * Whether these arguments run a training command: the first argument that is not an option, and
   * no request for help or the version (answered at once, not worth a second JVM).
   */
  static boolean trains(String[] args) {
    if (List.of(args).stream().anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"))) {
      return false;
    }
    for (String a : args) {
      if (!a.startsWith("-")) {
        return TRAINING_COMMANDS.contains(a);
      }
    }
    return false;
  }

  /**
   * Runs the same command line again with the variable set, when that applies, and returns its
   * exit code; empty when this process should run the command itself.
   */
  static Optional<Integer> relaunchIfUseful(String[] args) {
    if (System.getenv(VARIABLE) != null || !trains(args)) {
      return Optional.empty();
    }
    Optional<String> core;
    try {
      core = coreFor(flags(Files.readString(Path.of("/proc/cpuinfo"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    ProcessHandle.Info self = ProcessHandle.current().info();
    if (core.isEmpty() || self.command().isEmpty() || self.arguments().isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(self.command().get());
    command.addAll(List.of(self.arguments().get()));
    System.err.println("semhash: OpenBLAS kernels " + core.get() + " for this CPU (set " + VARIABLE + " to choose others)");
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put(VARIABLE, core.get());
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      return Optional.empty();
    }
    // the child must not outlive this process (a supervisor's SIGTERM reaches only the parent)
    Thread reaper = new Thread(() -> {
      child.destroy();
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      return Optional.of(child.waitFor());
    } catch (InterruptedException e) {
      child.destroy();
      Thread.currentThread().interrupt();
      return Optional.of(130);
    }
  }
}
