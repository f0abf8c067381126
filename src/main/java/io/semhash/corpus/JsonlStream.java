package io.semhash.corpus;

import java.io.InputStream;

/**
 * JSON Lines read from a stream that holds some lines of a file, not necessarily from its start:
 * what a Spark task reads from its byte range of a large file. Each line is parsed by the rules
 * of the file reader (the same documents, the same skips, the same errors naming the file and the
 * line), numbered from {@code firstLine}. Repeated ids are the caller's to check, across all
 * streams (a Spark job checks them per shard).
 */
public final class JsonlStream {
  private JsonlStream() {}

  /** Receives each document with the number of its line. */
  @FunctionalInterface
  public interface Sink {
    void accept(long line, Document document);
  }

  /**
   * Reads {@code in} to its end.
   *
   * @param file the file's name, for messages and for the ids of documents without one (their line)
   * @param firstLine the number of the stream's first line in the file, from 1
   * @param gzipped whether the stream is gunzipped text (only for messages)
   */
  public static CorpusReport.Summary read(InputStream in, String file, long firstLine, boolean gzipped,
      CorpusOptions options, Sink sink) {
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine must be >= 1, got " + firstLine);
    }
    long[] line = {0};
    CorpusReader reader = new CorpusReader(file, options) {
      @Override
      protected boolean checksIds() {
        return false;
      }

      @Override
      protected void readInto(Emitter emitter) {
        JsonlCorpusReader.readLines(in, file, firstLine, gzipped, options, emitter, l -> line[0] = l);
      }
    };
    return reader.read(d -> sink.accept(line[0], d));
  }
}
