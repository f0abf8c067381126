package io.semhash.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The serving path alone, as a program: loads a model directory and prints the code of every
 * line of a text file, after reporting whether each class named by {@code --probe} can be found.
 * {@link EncodingWithoutDl4jTest} runs it in a JVM whose class path lacks DL4J, ND4J and the
 * natives.
 *
 * <p>Usage: {@code CodesOfLines MODEL_DIR TEXT_FILE [--probe CLASS]...}; prints {@code absent
 * CLASS} or {@code present CLASS} per probe, then {@code code HEX} per line.
 */
public final class CodesOfLines {
  private CodesOfLines() {}

  public static void main(String[] args) throws IOException {
    for (int i = 2; i + 1 < args.length; i += 2) {
      if (!args[i].equals("--probe")) {
        throw new IllegalArgumentException("expected --probe, got " + args[i]);
      }
      System.out.println((loadable(args[i + 1]) ? "present " : "absent ") + args[i + 1]);
    }
    HashingModel model = HashingModel.load(Path.of(args[0]));
    for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
      System.out.println("code " + model.code(line).toHex());
    }
  }

  static boolean loadable(String className) {
    try {
      Class.forName(className, false, CodesOfLines.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
