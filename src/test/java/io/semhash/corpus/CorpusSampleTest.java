package io.semhash.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reservoir sample of the train split: uniform over documents, reproducible, never the test split. */
class CorpusSampleTest {
  @TempDir static Path dir;
  static Path corpus;
  static final int TRAIN = 700;

  @BeforeAll
  static void write() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      // every third line up to 900 is a test document, so both splits run through the whole file
      String split = i % 3 == 0 && i < 900 ? "test" : "train";
      lines.add("{\"id\":\"d" + i + "\",\"text\":\"word" + i + " text\",\"split\":\"" + split + "\"}");
    }
    corpus = Files.write(dir.resolve("c.jsonl"), lines);
  }

  static List<String> ids(CorpusSample.Sample s) {
    return s.corpus().documents().stream().map(Document::id).toList();
  }

  @Test
  void sameSeedSameSampleOtherSeedOtherSampleReadingOrderKept() {
    CorpusSample.Sample a = CorpusSample.reservoir(corpus, CorpusOptions.DEFAULTS, 50, 7);
    CorpusSample.Sample b = CorpusSample.reservoir(corpus, CorpusOptions.DEFAULTS, 50, 7);
    CorpusSample.Sample c = CorpusSample.reservoir(corpus, CorpusOptions.DEFAULTS, 50, 8);
    assertThat(ids(a)).hasSize(50).doesNotHaveDuplicates().containsExactlyElementsOf(ids(b));
    assertThat(ids(c)).isNotEqualTo(ids(a));
    assertThat(a.trainDocuments()).isEqualTo(TRAIN);
    List<Integer> positions = ids(a).stream().map(id -> Integer.parseInt(id.substring(1))).toList();
    assertThat(positions).isSorted();
  }

  @Test
  void everyTrainDocumentIsEquallyLikelyAndNoTestDocumentEverIs() {
    int draws = 400;
    int size = 70; // a tenth of the train split
    Map<String, Integer> taken = new HashMap<>();
    for (int seed = 0; seed < draws; seed++) {
      for (Document d : CorpusSample.reservoir(corpus, CorpusOptions.DEFAULTS, size, seed).corpus().documents()) {
        assertThat(d.split()).isEqualTo(Split.TRAIN);
        taken.merge(d.id(), 1, Integer::sum);
      }
    }
    double expected = draws * (double) size / TRAIN; // 40 per document
    assertThat(taken).hasSize(TRAIN);
    double chi2 = 0;
    for (int n : taken.values()) {
      chi2 += (n - expected) * (n - expected) / expected;
      assertThat((double) n).isBetween(expected - 6 * Math.sqrt(expected), expected + 6 * Math.sqrt(expected));
    }
    // 699 degrees of freedom (slightly fewer: sample sizes are fixed), six standard deviations of slack
    assertThat(chi2).isLessThan(699 + 6 * Math.sqrt(2 * 699));
    // the first and the last hundred train documents: equal shares (Algorithm R's classic bug favours one end)
    long first = taken.entrySet().stream().filter(e -> Integer.parseInt(e.getKey().substring(1)) < 150)
        .mapToLong(Map.Entry::getValue).sum();
    long last = taken.entrySet().stream().filter(e -> Integer.parseInt(e.getKey().substring(1)) >= 900)
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(first / 100.0).isBetween(expected * 0.9, expected * 1.1);
    assertThat(last / 100.0).isBetween(expected * 0.9, expected * 1.1);
  }

  @Test
  void aSampleLargerThanTheTrainSplitIsTheWholeTrainSplit() {
    CorpusSample.Sample all = CorpusSample.reservoir(corpus, CorpusOptions.DEFAULTS, 5000, 1);
    assertThat(all.corpus().documents()).hasSize(TRAIN).allSatisfy(d -> assertThat(d.split()).isEqualTo(Split.TRAIN));
    assertThatThrownBy(() -> CorpusSample.reservoir(corpus, CorpusOptions.DEFAULTS, 0, 1))
        .hasMessageContaining("--sample must be >= 1");
  }
}
