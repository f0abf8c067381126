package io.semhash.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines read straight from a gzip file: the same documents as the unpacked file, errors with file and line. */
class GzipJsonlCorpusReaderTest {
  @TempDir Path dir;

  /** A corpus with every field, documents without id or split, a Latin-1 line and a blank line. */
  private static byte[] corpusBytes(int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Random random = new Random(7);
    for (int i = 0; i < lines; i++) {
      StringBuilder words = new StringBuilder();
      for (int w = 0; w < 5 + random.nextInt(40); w++) {
        words.append(" w").append(random.nextInt(500));
      }
      String line = switch (i % 4) {
        case 0 -> "{\"id\":\"p" + i + "\",\"title\":\"t" + i + "\",\"text\":\"" + words + "\",\"labels\":[\"s" + i % 7 + "\"]}";
        case 1 -> "{\"text\":\"" + words + "\",\"split\":\"test\"}";
        case 2 -> "{\"id\":\"p" + i + "\",\"text\":\"" + words + "\",\"labels\":[\"a\",\"b\"],\"split\":\"train\"}";
        default -> "";
      };
      out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    out.writeBytes("{\"id\":\"latin\",\"text\":\"caf".getBytes(StandardCharsets.US_ASCII));
    out.write(0xE9); // not UTF-8: decoded as ISO-8859-1
    out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII)); // last line without a newline
    return out.toByteArray();
  }

  private Path gzip(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(bytes);
    }
    return p;
  }

  @Test
  void gzippedFileGivesTheDocumentsOfThePlainFile() throws Exception {
    byte[] bytes = corpusBytes(3000);
    Path plain = dir.resolve("c.jsonl");
    Files.write(plain, bytes);
    Path gz = gzip("c.jsonl.gz", bytes);
    assertThat(Files.size(gz)).isLessThan(Files.size(plain)); // really compressed, not a copy

    Corpus expected = Corpus.load(plain, CorpusOptions.DEFAULTS);
    Corpus actual = Corpus.load(gz, CorpusOptions.DEFAULTS);
    assertThat(actual.documents()).isEqualTo(expected.documents());
    assertThat(actual.documents()).hasSize(2251);
    assertThat(actual.report().read()).isEqualTo(expected.report().read());
    assertThat(actual.report().latin1Decoded()).isEqualTo(1);
    assertThat(actual.report().skipped()).isEqualTo(expected.report().skipped());
    assertThat(actual.report().firstExample().get("blank line")).isEqualTo(gz + ":4");
  }

  @Test
  void everyJsonLinesNameIsDetectedGzipped() throws Exception {
    for (String name : List.of("a.jsonl.gz", "a.ndjson.gz", "a.json.gz", "B.JSONL.GZ")) {
      assertThat(CorpusFormat.detect(Files.createFile(dir.resolve(name)))).as(name).isEqualTo(CorpusFormat.JSONL_GZ);
    }
    assertThat(CorpusFormat.detect(Files.createFile(dir.resolve("c.jsonl")))).isEqualTo(CorpusFormat.JSONL);
    assertThat(CorpusFormat.detect(Files.createFile(dir.resolve("d.tar.gz")))).isEqualTo(CorpusFormat.TAR_GZ);
    for (String name : List.of("e.txt.gz", "f.gz", "g.jsonl.gz.bak")) {
      Path p = Files.createFile(dir.resolve(name));
      assertThatThrownBy(() -> CorpusFormat.detect(p)).as(name).hasMessageContaining("unknown corpus format");
    }
  }

  @Test
  void otherGzippedFilesAreAnUnknownFormat() throws Exception {
    Path txt = gzip("notes.txt.gz", "hello\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Corpus.load(txt, CorpusOptions.DEFAULTS))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining(txt.toString())
        .hasMessageContaining("unknown corpus format")
        .hasMessageContaining(".jsonl.gz");
  }

  @Test
  void malformedLineInsideTheGzipNamesFileAndLine() throws Exception {
    Path gz = gzip("bad.jsonl.gz", "{\"text\":\"ok\"}\n{\"text\":\"ok too\"}\n{\"text\": oops}\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Corpus.load(gz, CorpusOptions.DEFAULTS))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining(gz + ":3:")
        .hasMessageContaining("--skip-bad");
  }

  @Test
  void plainTextNamedGzIsAnErrorNamingTheFile() throws Exception {
    Path fake = dir.resolve("fake.jsonl.gz");
    Files.writeString(fake, "{\"text\":\"not compressed\"}\n");
    assertThatThrownBy(() -> Corpus.load(fake, CorpusOptions.DEFAULTS))
        .isInstanceOf(CorpusException.class)
        .hasMessageStartingWith(fake + ": cannot read as gzip")
        .hasMessageContaining("GZIP");
  }

  @Test
  void truncatedGzipNamesTheLineItStoppedIn() throws Exception {
    StringBuilder lines = new StringBuilder();
    Random random = new Random(3);
    for (int i = 1; i <= 20000; i++) {
      lines.append("{\"id\":\"L").append(i).append("\",\"text\":\"");
      for (int w = 0; w < 10; w++) {
        lines.append(" w").append(random.nextInt(5000));
      }
      lines.append("\"}\n");
    }
    byte[] packed = Files.readAllBytes(gzip("whole.jsonl.gz", lines.toString().getBytes(StandardCharsets.UTF_8)));
    Path cut = dir.resolve("cut.jsonl.gz");
    Files.write(cut, Arrays.copyOf(packed, packed.length / 2));

    // one document per line: every whole line before the cut is delivered, the error names the next
    List<Document> delivered = new ArrayList<>();
    CorpusReader reader = CorpusFormat.detect(cut).reader(cut, CorpusOptions.DEFAULTS);
    assertThatThrownBy(() -> reader.read(delivered::add))
        .isInstanceOf(CorpusException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .startsWith(cut + ":" + (delivered.size() + 1) + ": cannot read the gzip stream"));
    assertThat(delivered).hasSizeBetween(1000, 19999);
    assertThat(delivered.get(delivered.size() - 1).id()).isEqualTo("L" + delivered.size());
  }
}
