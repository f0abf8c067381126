package io.semhash.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeReadersTest {
  @TempDir Path dir;

  private static final String NEWS = """
      From: someone@example.com (Some One)
      Subject: Re: Orbit of the moon
      Lines: 2

      The moon orbits the earth.
      Rockets go there.
      """;

  private static final Map<String, String> FILES = Map.of(
      "news-train/sci.space/101", NEWS,
      "news-train/rec.autos/102", "Subject: Cars\n\nEngines and wheels.\n",
      "news-test/sci.space/201", "Subject: Mars\n\nRed planet rovers.\n",
      "news-test/rec.autos/202", "Subject: \n\n   \n");

  private Path writeTree() throws Exception {
    Path root = dir.resolve("tree");
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return root;
  }

  private Path writeTarGz() throws Exception {
    Path archive = dir.resolve("tree.tar.gz");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      for (String name : FILES.keySet().stream().sorted().toList()) {
        byte[] data = FILES.get(name).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }

  @Test
  void bydateLayoutGivesSplitLabelTitleAndBody() throws Exception {
    Corpus c = Corpus.load(writeTree(), CorpusOptions.DEFAULTS);
    // sorted path order: news-test before news-train
    assertThat(c.documents()).containsExactly(
        new Document("sci.space/201", "Mars", "Red planet rovers.", List.of("sci.space"), Split.TEST),
        new Document("rec.autos/102", "Cars", "Engines and wheels.", List.of("rec.autos"), Split.TRAIN),
        new Document("sci.space/101", "Re: Orbit of the moon", "The moon orbits the earth.\nRockets go there.",
            List.of("sci.space"), Split.TRAIN));
    assertThat(c.report().skipped()).containsEntry("empty document", 1L);
  }

  @Test
  void tarGzGivesTheSameDocumentsAsTheUnpackedTree() throws Exception {
    Corpus tree = Corpus.load(writeTree(), CorpusOptions.DEFAULTS);
    Corpus tar = Corpus.load(writeTarGz(), CorpusOptions.DEFAULTS);
    assertThat(tar.documents()).containsExactlyElementsOf(tree.documents());
    assertThat(tar.report().skipped()).isEqualTo(tree.report().skipped());
  }

  @Test
  void flatFolderOfTextFilesHasNoLabelsAndHashSplits() throws Exception {
    Path root = dir.resolve("plain");
    Files.createDirectories(root);
    Files.writeString(root.resolve("a.txt"), "just some text, no header: here");
    Files.writeString(root.resolve("b.txt"), "more text");
    Files.write(root.resolve("c.bin"), new byte[] {1, 0, 2});
    Corpus c = Corpus.load(root, CorpusOptions.DEFAULTS);
    assertThat(c.documents()).extracting(Document::id).containsExactly("a.txt", "b.txt");
    assertThat(c.documents().get(0).text()).isEqualTo("just some text, no header: here");
    assertThat(c.documents()).allSatisfy(d -> assertThat(d.labels()).isEmpty());
    assertThat(c.report().skipped()).containsEntry("binary file (NUL byte)", 1L);
  }

  @Test
  void labelFoldersWithoutSplit() throws Exception {
    Path root = dir.resolve("labelled");
    Files.createDirectories(root.resolve("cats"));
    Files.writeString(root.resolve("cats/1.txt"), "meow");
    Corpus c = Corpus.load(root, CorpusOptions.DEFAULTS);
    assertThat(c.documents()).singleElement()
        .satisfies(d -> assertThat(d.labels()).containsExactly("cats"))
        .satisfies(d -> assertThat(d.id()).isEqualTo("cats/1.txt"));
  }

  @Test
  void truncatedArchiveIsAnErrorNamingTheFile() throws Exception {
    Path archive = writeTarGz();
    byte[] all = Files.readAllBytes(archive);
    Path cut = dir.resolve("cut.tar.gz");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> Corpus.load(cut, CorpusOptions.DEFAULTS))
        .isInstanceOf(CorpusException.class)
        .hasMessageStartingWith(cut.toString());
  }

  @Test
  void unknownFormatAndMissingPathAreErrors() throws Exception {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "a,b");
    assertThatThrownBy(() -> Corpus.load(csv, CorpusOptions.DEFAULTS)).hasMessageContaining("unknown corpus format");
    assertThatThrownBy(() -> Corpus.load(dir.resolve("nope"), CorpusOptions.DEFAULTS))
        .hasMessageContaining("no such file");
  }
}
