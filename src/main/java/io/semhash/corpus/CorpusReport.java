package io.semhash.corpus;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a reader read and what it skipped, with reasons, so that nothing is dropped silently.
 * Mutable while a reader runs; {@link #snapshot()} gives the final, immutable view.
 */
public final class CorpusReport {
  private final String source;
  private long read;
  private long latin1Decoded;
  private final Map<String, Long> skipped = new TreeMap<>();
  private final Map<String, String> firstSkipExample = new TreeMap<>();

  public CorpusReport(String source) {
    this.source = source;
  }

  void countRead() {
    read++;
  }

  void countLatin1() {
    latin1Decoded++;
  }

  void skip(String reason, String where) {
    skipped.merge(reason, 1L, Long::sum);
    firstSkipExample.putIfAbsent(reason, where);
  }

  public Summary snapshot() {
    return new Summary(source, read, latin1Decoded, Map.copyOf(skipped), Map.copyOf(firstSkipExample));
  }

  /**
   * @param read documents delivered
   * @param latin1Decoded documents whose bytes were not valid UTF-8 and were decoded as ISO-8859-1
   * @param skipped count per reason
   * @param firstExample where the first skip of each reason happened (file, line)
   */
  public record Summary(
      String source,
      long read,
      long latin1Decoded,
      Map<String, Long> skipped,
      Map<String, String> firstExample) {
    public long skippedTotal() {
      return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
