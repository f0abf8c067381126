package io.semhash.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a directory as one unit: the content goes into a hidden temporary sibling, which is
 * renamed onto the target only when complete. An interrupted write (exception, Ctrl-C, kill -9)
 * leaves the previous directory, if any, untouched; the leftover temporary sibling is ignored and
 * removed by the next write.
 */
public final class AtomicDirectory {
  private AtomicDirectory() {}

  /** Work that fills a fresh directory. */
  @FunctionalInterface
  public interface Writer {
    void write(Path dir) throws IOException;
  }

  /** Fills a temporary sibling of {@code target} with {@code writer}, then moves it into place. */
  public static void write(Path target, Writer writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    removeStaleTemporaries(abs);
    Path tmp = Files.createTempDirectory(parent, tmpPrefix(abs));
    try {
      writer.write(tmp);
      replace(tmp, abs);
    } finally {
      deleteTree(tmp);
    }
  }

  private static String tmpPrefix(Path target) {
    return "." + target.getFileName() + ".tmp-";
  }

  private static void removeStaleTemporaries(Path target) throws IOException {
    String prefix = tmpPrefix(target);
    String oldPrefix = "." + target.getFileName() + ".old-";
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      for (Path p : siblings.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix) || name.startsWith(oldPrefix)) {
          deleteTree(p);
        }
      }
    }
  }

  private static void replace(Path tmp, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteTree(old);
    }
  }

  /** Deletes a directory tree (or file); nothing when absent. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
