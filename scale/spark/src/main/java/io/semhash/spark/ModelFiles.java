package io.semhash.spark;

import io.semhash.files.AtomicDirectory;
import io.semhash.model.HashingModel;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;

/**
 * The files of a model directory as bytes, read once on the driver from any Hadoop path and
 * broadcast to the executors, where {@link #load} turns them back into a model directory and loads
 * it with {@link HashingModel#load}, which checks every file against the manifest's SHA-256 sums.
 * A JVM loads each model once however many partitions it runs.
 */
final class ModelFiles implements Serializable {
  private static final Map<String, HashingModel> LOADED = new ConcurrentHashMap<>();

  private final String source;
  private final Map<String, byte[]> files;
  private final String digest;

  private ModelFiles(String source, Map<String, byte[]> files, String digest) {
    this.source = source;
    this.files = files;
    this.digest = digest;
  }

  /** Reads the model directory's files; an error names the directory when it is missing or not a model. */
  static ModelFiles read(Configuration conf, String dir) throws IOException {
    Path path = new Path(dir);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
      throw new IOException(dir + ": model directory not found");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String name : new String[] {HashingModel.MANIFEST, HashingModel.VOCABULARY, HashingModel.WEIGHTS}) {
      Path file = new Path(path, name);
      if (!fs.exists(file)) {
        throw new IOException(dir + ": not a semhash model directory (" + name + " missing)");
      }
      FileStatus status = fs.getFileStatus(file);
      byte[] bytes = new byte[Math.toIntExact(status.getLen())];
      try (FSDataInputStream in = fs.open(file)) {
        IOUtils.readFully(in, bytes, 0, bytes.length);
      }
      files.put(name, bytes);
      sha.update(bytes);
    }
    return new ModelFiles(dir, files, HexFormat.of().formatHex(sha.digest()));
  }

  /** The model, loaded and checked once per JVM. */
  HashingModel load() throws IOException {
    HashingModel cached = LOADED.get(digest);
    if (cached != null) {
      return cached;
    }
    synchronized (LOADED) {
      cached = LOADED.get(digest);
      if (cached == null) {
        java.nio.file.Path dir = Files.createTempDirectory("semhash-model-");
        try {
          for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
          }
          cached = HashingModel.load(dir);
        } catch (IOException e) {
          // name the user's model directory, not the temporary copy the check ran on
          throw new IOException(String.valueOf(e.getMessage()).replace(dir.toString(), source), e);
        } finally {
          AtomicDirectory.deleteTree(dir);
        }
        LOADED.put(digest, cached);
      }
      return cached;
    }
  }
}
