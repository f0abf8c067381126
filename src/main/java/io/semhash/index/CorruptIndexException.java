package io.semhash.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A saved index file is missing, truncated, of another format or version, or fails its checksum.
 * The message names the file and says what was expected and what was found. An index is never
 * loaded from such a file.
 */
public final class CorruptIndexException extends IOException {

  private final Path file;

  public CorruptIndexException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }
}
