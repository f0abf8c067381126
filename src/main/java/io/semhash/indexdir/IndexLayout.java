package io.semhash.indexdir;

import io.semhash.json.FileJson;
import io.semhash.json.JsonProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Names of the parts of an index directory, and reading and writing its manifest. */
public final class IndexLayout {
  public static final String MANIFEST = "index.json";
  public static final String MODEL = "model";
  public static final String HAMMING = "hamming";
  public static final String LUCENE = "lucene";

  private IndexLayout() {}

  public static void writeManifest(Path dir, IndexManifest manifest) throws IOException {
    FileJson.write(dir.resolve(MANIFEST), manifest);
  }

  /** Reads and checks the manifest; the error names the directory or file and the problem. */
  public static IndexManifest readManifest(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + ": index directory not found");
    }
    Path file = dir.resolve(MANIFEST);
    if (!Files.exists(file)) {
      throw new IOException(dir + ": not a semhash index directory (" + MANIFEST + " missing)");
    }
    IndexManifest m;
    try {
      m = FileJson.read(file, IndexManifest.class);
    } catch (IOException e) {
      throw new IOException(file + ": unreadable index manifest: " + JsonProblem.of(e), e);
    }
    if (!IndexManifest.FORMAT.equals(m.format()) || m.version() != IndexManifest.VERSION) {
      throw new IOException(file + ": expected format " + IndexManifest.FORMAT + " v" + IndexManifest.VERSION
          + ", got " + m.format() + " v" + m.version());
    }
    try {
      m.shape();
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return m;
  }
}
