package io.semhash.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Some files of a corpus folder tree, read by the rules of the tree reader (layout, labels and
 * split from the path, mail headers, hidden and binary files skipped and counted): what a Spark
 * task reads when the files of one tree are spread over many tasks. Repeated ids are the caller's
 * to check, across all calls.
 */
public final class TreeFiles {
  private TreeFiles() {}

  /** One file: its path parts below the tree's root, and where it is, for messages. */
  public record TreeFile(List<String> parts, String where) {
    public TreeFile {
      parts = List.copyOf(parts);
    }
  }

  /** Reads a file's bytes. */
  @FunctionalInterface
  public interface Opener {
    byte[] read(TreeFile file) throws IOException;
  }

  /** Receives each document with the position of its file in {@code files}. */
  @FunctionalInterface
  public interface Sink {
    void accept(int file, Document document);
  }

  public static CorpusReport.Summary read(String source, List<TreeFile> files, Opener opener, CorpusOptions options,
      Sink sink) {
    int[] at = {0};
    CorpusReader reader = new CorpusReader(source, options) {
      @Override
      protected boolean checksIds() {
        return false;
      }

      @Override
      protected void readInto(Emitter emitter) {
        TreeFiles.readInto(files, opener, emitter, i -> at[0] = i);
      }
    };
    return reader.read(d -> sink.accept(at[0], d));
  }

  /** The loop of the tree reader: each file in turn, {@code at} told its position first. */
  static void readInto(List<TreeFile> files, Opener opener, CorpusReader.Emitter emitter, IntConsumer at) {
    for (int i = 0; i < files.size(); i++) {
      at.accept(i);
      TreeFile f = files.get(i);
      if (f.parts().stream().anyMatch(p -> p.startsWith("."))) {
        emitter.skip("hidden file", f.where());
        continue;
      }
      byte[] bytes;
      try {
        bytes = opener.read(f);
      } catch (IOException e) {
        throw new CorpusException(f.where() + ": cannot read: " + e.getMessage(), new UncheckedIOException(e));
      }
      TreeEntryParser.emit(f.parts(), bytes, f.where(), emitter);
    }
  }
}
