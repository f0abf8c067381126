package io.semhash.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of a corpus's train split, drawn in one streaming pass (reservoir
 * sampling, Algorithm R) so that memory holds the sample, never the corpus: what {@code semhash
 * train --sample N} trains on when the corpus is too large to train on whole. Test-split
 * documents are never taken. The same seed and corpus give the same sample; the sample keeps the
 * reading order.
 */
public final class CorpusSample {
  private CorpusSample() {}

  /**
   * Every train document of {@code path} has the same chance, {@code min(1, size / trainCount)},
   * of being in the sample.
   *
   * @return the sample in reading order, with the report of the whole read
   */
  public static Sample reservoir(Path path, CorpusOptions options, int size, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("--sample must be >= 1, got " + size);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Document[] slots = new Document[size];
    long[] positions = new long[size];
    long[] seen = {0};
    CorpusReport.Summary report = CorpusFormat.detect(path).reader(path, options).read(d -> {
      if (d.split() != Split.TRAIN) {
        return;
      }
      long i = seen[0]++;
      if (i < size) {
        slots[(int) i] = d;
        positions[(int) i] = i;
      } else {
        long j = random.nextLong(i + 1);
        if (j < size) {
          slots[(int) j] = d;
          positions[(int) j] = i;
        }
      }
    });
    int taken = (int) Math.min(size, seen[0]);
    if (taken == 0) {
      throw new CorpusException(path + ": no train-split documents to sample");
    }
    Integer[] order = new Integer[taken];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong(i -> positions[i]));
    List<Document> docs = new ArrayList<>(taken);
    for (int i : order) {
      docs.add(slots[i]);
    }
    return new Sample(new Corpus(docs, report), seen[0]);
  }

  /**
   * @param corpus the sampled documents, in reading order
   * @param trainDocuments train documents read, of which the sample was drawn
   */
  public record Sample(Corpus corpus, long trainDocuments) {}
}
