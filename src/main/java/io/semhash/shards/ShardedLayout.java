package io.semhash.shards;

import io.semhash.json.FileJson;
import io.semhash.json.JsonProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names of the parts of a sharded index directory, and reading and writing its manifest. The
 * top-level directory holds {@value #MANIFEST}, {@value #MODEL}/ (the model that encodes queries,
 * the same as each shard's) and one ordinary index directory per shard, named {@link #shardName}.
 */
public final class ShardedLayout {
  public static final String MANIFEST = "shards.json";
  public static final String MODEL = "model";
  public static final String ORDER = "order.bin";

  private ShardedLayout() {}

  /** Whether {@code dir} is a sharded index directory (it holds {@value #MANIFEST}). */
  public static boolean isSharded(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  /** The directory name of shard {@code i}: {@code shard-00000}, {@code shard-00001}, ... */
  public static String shardName(int i) {
    return String.format(Locale.ROOT, "shard-%05d", i);
  }

  public static void writeManifest(Path dir, ShardedManifest manifest) throws IOException {
    FileJson.write(dir.resolve(MANIFEST), manifest);
  }

  /** Reads and checks the manifest: format, a router we know, shard names that stay inside {@code dir}. */
  public static ShardedManifest readManifest(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + ": index directory not found");
    }
    Path file = dir.resolve(MANIFEST);
    ShardedManifest m;
    try {
      m = FileJson.read(file, ShardedManifest.class);
    } catch (IOException e) {
      throw new IOException(file + ": unreadable sharded-index manifest: " + JsonProblem.of(e), e);
    }
    if (!ShardedManifest.FORMAT.equals(m.format()) || m.version() != ShardedManifest.VERSION) {
      throw new IOException(file + ": expected format " + ShardedManifest.FORMAT + " v" + ShardedManifest.VERSION
          + ", got " + m.format() + " v" + m.version());
    }
    if (m.shards().isEmpty()) {
      throw new IOException(file + ": lists no shards");
    }
    Set<String> seen = new HashSet<>();
    for (ShardedManifest.Shard s : m.shards()) {
      String name = s.name();
      if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") || !seen.add(name)) {
        throw new IOException(file + ": bad or repeated shard name '" + name + "' (a plain directory name inside "
            + dir + ")");
      }
    }
    return m;
  }
}
