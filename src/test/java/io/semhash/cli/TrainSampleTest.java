package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.model.HashingModel;
import io.semhash.testing.CliRun;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code semhash train --sample N}: trains on N sampled train documents. The vocabulary is fitted on
 * the sample, so its checksum is that of a vocabulary fitted on exactly those documents, which this
 * test recomputes independently; a bad N is a one-line error naming the flag.
 */
class TrainSampleTest {
  @TempDir Path dir;

  @Test
  void trainsOnTheSampleOnlyAndSaysSo() throws Exception {
    Path corpus = SmallCorpus.writeJsonl(dir);
    Path config = SmallCorpus.writeConfig(dir, 1);
    CliRun run = CliRun.of("train", "--config", config.toString(), "--corpus", corpus.toString(), "--sample", "60",
        "--out", dir.resolve("m").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    long train = SmallCorpus.documents().stream().filter(d -> d.split() == Split.TRAIN).count();
    assertThat(run.err()).contains("sampled 60 of " + train + " train documents (seed 42)");

    List<Document> sample = io.semhash.corpus.CorpusSample.reservoir(corpus, io.semhash.corpus.CorpusOptions.DEFAULTS, 60, 42)
        .corpus().documents();
    VocabularyOptions text = io.semhash.config.ConfigLoader.load(config).text().options();
    String expected = CorpusVectors.build(sample, text, null).vocabulary().checksum();
    String whole = CorpusVectors.build(SmallCorpus.documents(), text, null).vocabulary().checksum();
    HashingModel model = HashingModel.load(dir.resolve("m"));
    assertThat(model.manifest().vocabularyChecksum()).isEqualTo(expected).isNotEqualTo(whole);
  }

  @Test
  void aSampleBelowOneIsAOneLineError() throws Exception {
    Path corpus = SmallCorpus.writeJsonl(dir);
    CliRun run = CliRun.of("train", "--corpus", corpus.toString(), "--sample", "0", "--out", dir.resolve("m").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains("--sample must be >= 1, got 0");
  }
}
