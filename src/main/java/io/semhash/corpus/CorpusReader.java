package io.semhash.corpus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the documents of one corpus to a consumer. Every format shares the same rules, enforced
 * here once: empty documents are skipped and counted, a duplicate id is an error naming both
 * places, and a document without a split gets one from a hash of its id.
 */
public abstract class CorpusReader {
  private final String source;
  private final CorpusOptions options;

  protected CorpusReader(String source, CorpusOptions options) {
    this.source = source;
    this.options = options;
  }

  /** Reads the whole corpus; returns what was read and what was skipped. */
  public final CorpusReport.Summary read(Consumer<Document> sink) {
    Emitter emitter = new Emitter(new CorpusReport(source), options, sink, checksIds());
    readInto(emitter);
    return emitter.report.snapshot();
  }

  /**
   * Whether a repeated id is an error here; false for readers of one part of a corpus, whose caller
   * checks ids across all parts.
   */
  protected boolean checksIds() {
    return true;
  }

  protected final CorpusOptions options() {
    return options;
  }

  /** The format-specific part: parse the source and hand every record to the emitter. */
  protected abstract void readInto(Emitter emitter);

  /** Where readers deliver records; applies the shared rules. */
  protected static final class Emitter {
    private final CorpusReport report;
    private final double testFraction;
    private final Consumer<Document> sink;
    private final Map<String, String> seenIds;

    private Emitter(CorpusReport report, CorpusOptions options, Consumer<Document> sink, boolean checkIds) {
      this.report = report;
      this.testFraction = options.testFraction();
      this.sink = sink;
      this.seenIds = checkIds ? new HashMap<>() : null;
    }

    /**
     * @param split null when the source does not say; the hash of the id decides then
     * @param where file (and line) for messages
     */
    void emit(
        String id, String title, String text, List<String> labels, Split split, String where, boolean latin1) {
      title = title == null ? "" : title;
      if (title.isBlank() && text.isBlank()) {
        report.skip("empty document", where);
        return;
      }
      String previous = seenIds == null ? null : seenIds.putIfAbsent(id, where);
      if (previous != null) {
        throw new CorpusException(where + ": duplicate id '" + id + "' (first seen at " + previous + ")");
      }
      if (latin1) {
        report.countLatin1();
      }
      report.countRead();
      sink.accept(new Document(id, title, text, labels, split != null ? split : IdHash.split(id, testFraction)));
    }

    void skip(String reason, String where) {
      report.skip(reason, where);
    }
  }
}
