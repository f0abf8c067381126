package io.semhash.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The corpus formats semhash reads, and how to tell them apart from a path. */
public enum CorpusFormat {
  /** A directory: label tree (with or without split folders) or a flat folder of .txt files. */
  DIRECTORY,
  /** The same tree packed as .tar.gz or .tgz. */
  TAR_GZ,
  /** JSON Lines (.jsonl, .ndjson, .json). */
  JSONL,
  /** JSON Lines compressed with gzip (.jsonl.gz, .ndjson.gz, .json.gz), read without unpacking. */
  JSONL_GZ;

  /** Decides the format of a path, or fails naming the path and what is accepted. */
  public static CorpusFormat detect(Path path) {
    if (!Files.exists(path)) {
      throw new CorpusException(path + ": no such file or directory");
    }
    if (Files.isDirectory(path)) {
      return DIRECTORY;
    }
    if (!Files.isReadable(path)) {
      throw new CorpusException(path + ": not readable");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return TAR_GZ;
    }
    if (isJsonLines(name)) {
      return JSONL;
    }
    if (name.endsWith(".gz") && isJsonLines(name.substring(0, name.length() - 3))) {
      return JSONL_GZ;
    }
    throw new CorpusException(
        path + ": unknown corpus format; expected a directory, a .tar.gz/.tgz archive or a .jsonl file"
            + " (.ndjson, .json; any of the three also gzipped, .jsonl.gz)");
  }

  private static boolean isJsonLines(String name) {
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
  }

  public CorpusReader reader(Path path, CorpusOptions options) {
    return switch (this) {
      case DIRECTORY -> new FileTreeReader(path, options);
      case TAR_GZ -> new TarGzTreeReader(path, options);
      case JSONL -> new JsonlCorpusReader(path, options, false);
      case JSONL_GZ -> new JsonlCorpusReader(path, options, true);
    };
  }
}
