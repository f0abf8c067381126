package io.semhash.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlCorpusReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsAllFieldsAndKeepsOrder() throws Exception {
    Path p = write("c.jsonl", """
        {"id":"a","title":"T","text":"hello world","labels":["x","y"],"split":"test"}
        {"id":"b","text":"second","split":"TRAIN"}
        """);
    Corpus c = Corpus.load(p, CorpusOptions.DEFAULTS);
    assertThat(c.documents()).containsExactly(
        new Document("a", "T", "hello world", List.of("x", "y"), Split.TEST),
        new Document("b", "", "second", List.of(), Split.TRAIN));
    assertThat(c.report().read()).isEqualTo(2);
    assertThat(c.report().skippedTotal()).isZero();
  }

  @Test
  void malformedLineIsAnErrorNamingFileAndLine() throws Exception {
    Path p = write("bad.jsonl", "{\"text\":\"ok\"}\n{\"text\": oops}\n");
    assertThatThrownBy(() -> Corpus.load(p, CorpusOptions.DEFAULTS))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining(p + ":2:")
        .hasMessageContaining("--skip-bad");
  }

  @Test
  void skipBadCountsMalformedAndMissingTextLines() throws Exception {
    Path p = write("bad.jsonl", "{\"text\":\"ok\"}\n{\"text\": oops}\n[1,2]\n{\"title\":\"no text\"}\n{\"text\":\"fine\",\"labels\":\"notalist\"}\n");
    Corpus c = Corpus.load(p, new CorpusOptions(0.2, true));
    assertThat(c.documents()).extracting(Document::text).containsExactly("ok");
    assertThat(c.report().skipped())
        .containsEntry("malformed JSON line", 2L)
        .containsEntry("missing field 'text'", 1L)
        .containsEntry("wrong field type", 1L);
    assertThat(c.report().firstExample()).containsEntry("malformed JSON line", p + ":2");
  }

  @Test
  void latin1BytesAreDecodedNotDropped() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("{\"id\":\"1\",\"text\":\"caf".getBytes(StandardCharsets.US_ASCII));
    bytes.write(0xE9); // 'é' in ISO-8859-1, invalid as UTF-8
    bytes.write("\"}\n{\"id\":\"2\",\"text\":\"na\u00efve\"}\n".getBytes(StandardCharsets.UTF_8));
    Path p = dir.resolve("latin1.jsonl");
    Files.write(p, bytes.toByteArray());
    Corpus c = Corpus.load(p, CorpusOptions.DEFAULTS);
    assertThat(c.documents()).extracting(Document::text).containsExactly("caf\u00e9", "na\u00efve");
    assertThat(c.report().latin1Decoded()).isEqualTo(1);
  }

  @Test
  void emptyDocumentsAndBlankLinesAreSkippedAndCounted() throws Exception {
    Path p = write("e.jsonl", "{\"id\":\"1\",\"text\":\"   \"}\n\n{\"id\":\"2\",\"text\":\"x y\"}\n");
    Corpus c = Corpus.load(p, CorpusOptions.DEFAULTS);
    assertThat(c.documents()).extracting(Document::id).containsExactly("2");
    assertThat(c.report().skipped()).containsEntry("empty document", 1L).containsEntry("blank line", 1L);
  }

  @Test
  void duplicateIdIsAnErrorNamingBothLines() throws Exception {
    Path p = write("d.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n{\"id\":\"a\",\"text\":\"z\"}\n");
    assertThatThrownBy(() -> Corpus.load(p, CorpusOptions.DEFAULTS))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining(p + ":3")
        .hasMessageContaining("duplicate id 'a'")
        .hasMessageContaining(p + ":1");
  }

  @Test
  void missingSplitIsDecidedByIdHashDeterministically() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      sb.append("{\"id\":\"doc-").append(i).append("\",\"text\":\"t\"}\n");
    }
    Path p = write("s.jsonl", sb.toString());
    Corpus first = Corpus.load(p, new CorpusOptions(0.25, false));
    // reversed file order must give every id the same split: the hash, not the position, decides
    StringBuilder rev = new StringBuilder();
    List<String> lines = sb.toString().lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      rev.append(lines.get(i)).append('\n');
    }
    Corpus second = Corpus.load(write("r.jsonl", rev.toString()), new CorpusOptions(0.25, false));
    Map<String, Split> a = first.documents().stream().collect(Collectors.toMap(Document::id, Document::split));
    Map<String, Split> b = second.documents().stream().collect(Collectors.toMap(Document::id, Document::split));
    assertThat(a).isEqualTo(b);
    long test = a.values().stream().filter(s -> s == Split.TEST).count();
    // binomial(2000, 0.25): mean 500, sd ~19.4; 5 sd either side
    assertThat(test).isBetween(403L, 597L);
  }

  @Test
  void missingIdGetsLineNumber() throws Exception {
    Path p = write("n.jsonl", "{\"text\":\"x\"}\n{\"text\":\"y\"}\n");
    Map<String, Document> byId = Corpus.load(p, CorpusOptions.DEFAULTS).documents().stream()
        .collect(Collectors.toMap(Document::id, Function.identity()));
    assertThat(byId.keySet()).containsExactlyInAnyOrder("1", "2");
  }
}
