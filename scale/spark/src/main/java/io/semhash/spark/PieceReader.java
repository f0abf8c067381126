package io.semhash.spark;

import io.semhash.corpus.CorpusFormat;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.CorpusReport;
import io.semhash.corpus.JsonlStream;
import io.semhash.corpus.TreeFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;

/**
 * Reads one {@link CorpusPiece} in a task, by the core's own readers, into records with their
 * order keys: a line's number for JSON Lines, a record's position for a tar.gz archive, a file's
 * position in the tree for a folder tree.
 */
final class PieceReader {
  private PieceReader() {}

  static CorpusReport.Summary read(Configuration conf, CorpusPiece piece, CorpusOptions options, Consumer<CorpusRecord> sink)
      throws IOException {
    Path path = new Path(piece.path());
    FileSystem fs = path.getFileSystem(conf);
    return switch (piece.kind()) {
      case JSONL_RANGE -> readRange(fs, path, piece, options, sink);
      case JSONL_GZ -> {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(fs.open(path), 1 << 16), 1 << 16)) {
          yield JsonlStream.read(in, piece.path(), 1, true, options,
              (line, d) -> sink.accept(CorpusRecord.of(line, d, piece.path() + ":" + line)));
        }
      }
      case TAR_GZ -> readArchive(fs, path, piece, options, sink);
      case TREE_FILES -> {
        List<TreeFiles.TreeFile> files = new ArrayList<>();
        for (String rel : piece.files()) {
          files.add(new TreeFiles.TreeFile(Arrays.asList(rel.split("/")), piece.path() + "/" + rel));
        }
        yield TreeFiles.read(piece.path(), files, f -> readAll(fs, new Path(f.where())), options,
            (i, d) -> sink.accept(CorpusRecord.of(piece.firstFile() + i, d, files.get(i).where())));
      }
    };
  }

  /**
   * The lines that start in [start, end): a line that began before {@code start} is the previous
   * piece's, a line that begins before {@code end} is read to its end even past it.
   */
  private static CorpusReport.Summary readRange(FileSystem fs, Path path, CorpusPiece piece, CorpusOptions options,
      Consumer<CorpusRecord> sink) throws IOException {
    try (FSDataInputStream raw = fs.open(path)) {
      InputStream in = new BufferedInputStream(raw, 1 << 16);
      long pos = piece.start();
      long firstLine = piece.firstNewlines() + 1;
      if (piece.start() > 0) {
        raw.seek(piece.start() - 1);
        in = new BufferedInputStream(raw, 1 << 16);
        pos = piece.start() - 1;
        int b;
        do {
          b = in.read();
          pos++;
        } while (b != '\n' && b != -1);
        // the byte before the range ended a line: the first line is ours, numbered after the newlines before it;
        // otherwise we skipped the rest of a line counted in those newlines' last line, so ours is one further
        firstLine = piece.firstNewlines() + (pos == piece.start() ? 1 : 2);
      }
      InputStream lines = new RangeStream(in, pos, piece.end());
      return JsonlStream.read(lines, piece.path(), firstLine, false, options,
          (line, d) -> sink.accept(CorpusRecord.of(line, d, piece.path() + ":" + line)));
    }
  }

  private static CorpusReport.Summary readArchive(FileSystem fs, Path path, CorpusPiece piece, CorpusOptions options,
      Consumer<CorpusRecord> sink) throws IOException {
    // the archive reader takes a local file: a local corpus is read in place, any other is copied first
    boolean local = "file".equals(fs.getScheme());
    java.nio.file.Path file = local ? java.nio.file.Path.of(path.toUri().getPath())
        : Files.createTempFile("semhash-corpus-", "-" + path.getName());
    try {
      if (!local) {
        fs.copyToLocalFile(false, path, new Path(file.toUri()), true);
      }
      long[] position = {0};
      return CorpusFormat.TAR_GZ.reader(file, options).read(d -> {
        long at = position[0]++;
        sink.accept(CorpusRecord.of(at, d, piece.path() + " (" + d.id() + ")"));
      });
    } finally {
      if (!local) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static byte[] readAll(FileSystem fs, Path path) throws IOException {
    long length = fs.getFileStatus(path).getLen();
    byte[] bytes = new byte[(int) length];
    try (FSDataInputStream in = fs.open(path)) {
      IOUtils.readFully(in, bytes, 0, bytes.length);
    }
    return bytes;
  }

  /** Bytes from {@code pos} on, ending at the first line end at or after {@code end}. */
  private static final class RangeStream extends InputStream {
    private final InputStream in;
    private final long end;
    private long pos;
    private int last = '\n';

    RangeStream(InputStream in, long pos, long end) {
      this.in = in;
      this.pos = pos;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      if (pos >= end && last == '\n') {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        pos++;
        last = b;
      }
      return b;
    }
  }
}
