package io.semhash.spark;

import io.semhash.corpus.CorpusException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Cuts a corpus on any Hadoop file system into {@link CorpusPiece}s, on the driver. The corpus is
 * one path, told apart as {@code semhash index} does ({@code CorpusFormat}): a plain JSON Lines
 * file is cut into byte ranges (many tasks), a gzipped one or a tar.gz archive is one piece (gzip
 * cannot be entered mid-stream), a folder tree is cut into groups of files in the tree reader's
 * order (sorted relative paths).
 */
final class CorpusPlan {
  /** Files of a folder tree per piece. */
  static final int TREE_FILES_PER_PIECE = 512;

  private CorpusPlan() {}

  /**
   * @param rangeBytes bytes of a plain JSON Lines file per piece
   */
  static List<CorpusPiece> of(Configuration conf, String corpus, long rangeBytes) throws IOException {
    Path path = new Path(corpus);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new CorpusException(corpus + ": no such file or directory");
    }
    FileStatus status = fs.getFileStatus(path);
    List<CorpusPiece> pieces = new ArrayList<>();
    if (status.isDirectory()) {
      List<String> files = new ArrayList<>();
      String root = status.getPath().toUri().getPath();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (f.isFile()) {
          files.add(f.getPath().toUri().getPath().substring(root.length() + 1));
        }
      }
      files.sort(null);
      for (int i = 0; i < files.size(); i += TREE_FILES_PER_PIECE) {
        pieces.add(new CorpusPiece(CorpusPiece.Kind.TREE_FILES, corpus, 0, 0, 0,
            files.subList(i, Math.min(files.size(), i + TREE_FILES_PER_PIECE)), i));
      }
      return pieces;
    }
    String name = path.getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      pieces.add(new CorpusPiece(CorpusPiece.Kind.TAR_GZ, corpus, 0, status.getLen(), 0, List.of(), 0));
    } else if (isJsonLines(name)) {
      long length = status.getLen();
      for (long start = 0; start < length; start += rangeBytes) {
        pieces.add(new CorpusPiece(CorpusPiece.Kind.JSONL_RANGE, corpus, start, Math.min(length, start + rangeBytes), -1,
            List.of(), 0));
      }
    } else if (name.endsWith(".gz") && isJsonLines(name.substring(0, name.length() - 3))) {
      pieces.add(new CorpusPiece(CorpusPiece.Kind.JSONL_GZ, corpus, 0, status.getLen(), 0, List.of(), 0));
    } else {
      throw new CorpusException(corpus + ": unknown corpus format; expected a directory, a .tar.gz/.tgz archive or a"
          + " .jsonl file (.ndjson, .json; any of the three also gzipped, .jsonl.gz)");
    }
    return pieces;
  }

  private static boolean isJsonLines(String name) {
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
  }

  /** Newline bytes in the piece's byte range: the counting pass that gives each range its first line number. */
  static long newlines(Configuration conf, CorpusPiece piece) throws IOException {
    Path path = new Path(piece.path());
    FileSystem fs = path.getFileSystem(conf);
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (var in = fs.open(path)) {
      in.seek(piece.start());
      long left = piece.end() - piece.start();
      while (left > 0) {
        int got = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (got < 0) {
          break;
        }
        for (int i = 0; i < got; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
        left -= got;
      }
    }
    return n;
  }

  /** Counts the newlines of every plain JSON Lines range and gives each its count before it. */
  static List<CorpusPiece> numbered(List<CorpusPiece> pieces, List<Long> counts) {
    List<CorpusPiece> out = new ArrayList<>(pieces.size());
    long before = 0;
    String file = null;
    for (int i = 0; i < pieces.size(); i++) {
      CorpusPiece p = pieces.get(i);
      if (p.kind() != CorpusPiece.Kind.JSONL_RANGE) {
        out.add(p);
        continue;
      }
      if (!p.path().equals(file)) {
        file = p.path();
        before = 0;
      }
      out.add(p.withNewlinesBefore(before));
      before += counts.get(i);
    }
    return out;
  }

}
