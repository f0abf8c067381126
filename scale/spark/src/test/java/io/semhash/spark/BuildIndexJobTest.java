package io.semhash.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.backend.CodedDocument;
import io.semhash.corpus.Document;
import io.semhash.search.SearchMode;
import io.semhash.search.SearchRequest;
import io.semhash.search.SearchResponse;
import io.semhash.search.SemanticSearchService;
import io.semhash.shards.ShardRouting;
import io.semhash.shards.ShardedLayout;
import io.semhash.shards.ShardedManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BuildIndexJob on local[2] against {@code semhash index} of the same corpus and model: every
 * document exactly once with the same code, in the shard its compositeId hash names, and the same
 * search pages (ties in reading order) for many queries; with a task that fails once; and the
 * bad-input cases, which stop with one line and leave nothing behind.
 */
class BuildIndexJobTest {
  @TempDir Path tmp;
  final Fixture f = Fixture.get();

  static List<String> page(SearchResponse r) {
    return r.results().stream().map(h -> h.id() + "@" + h.distance() + ":" + h.codeHex()).toList();
  }

  /** The sharded directory holds each document once, in its compositeId shard, and answers as the reference does. */
  void assertAnswersLike(Path sharded, Path reference, List<Document> docs, int shards) throws IOException {
    ShardedManifest m = ShardedLayout.readManifest(sharded);
    assertThat(m.shards()).hasSize(shards);
    assertThat(m.documents()).isEqualTo(docs.size());
    for (int s = 0; s < shards; s++) {
      try (SemanticSearchService shard = SemanticSearchService.open(sharded.resolve(ShardedLayout.shardName(s)))) {
        int shardNo = s;
        shard.backend().forEachDocument(d -> assertThat(ShardRouting.shardOf(d.document().id(), shards)).isEqualTo(shardNo));
        assertThat(shard.backend().count()).isEqualTo(m.shards().get(s).documents()).isPositive();
      }
    }
    try (SemanticSearchService a = SemanticSearchService.open(reference); SemanticSearchService b = SemanticSearchService.open(sharded)) {
      assertThat(b.backend().count()).isEqualTo(docs.size());
      List<String> walkA = new ArrayList<>();
      List<String> walkB = new ArrayList<>();
      a.backend().forEachDocument(d -> walkA.add(d.document().id() + ":" + d.code().toHex() + ":" + d.document().text().hashCode()));
      b.backend().forEachDocument(d -> walkB.add(d.document().id() + ":" + d.code().toHex() + ":" + d.document().text().hashCode()));
      assertThat(walkB).containsExactlyElementsOf(walkA);
      int ties = 0;
      for (int i = 0; i < docs.size(); i += 9) {
        String q = docs.get(i).title() + " " + docs.get(i).text().substring(0, Math.min(300, docs.get(i).text().length()));
        for (int[] at : new int[][] {{0, 10}, {0, 100}, {40, 25}}) {
          SearchRequest req = new SearchRequest(q, at[1], at[0], List.of(), null, SearchMode.SEMANTIC);
          SearchResponse ra = a.search(req);
          assertThat(page(b.search(req))).as(q).containsExactlyElementsOf(page(ra));
          for (int j = 1; j < ra.results().size(); j++) {
            ties += ra.results().get(j).distance() == ra.results().get(j - 1).distance() ? 1 : 0;
          }
        }
        SearchRequest filtered = new SearchRequest(q, 20, 0, List.of(Fixture.LABELS.get(i % 4)), 12, SearchMode.SEMANTIC);
        assertThat(page(b.search(filtered))).containsExactlyElementsOf(page(a.search(filtered)));
      }
      assertThat(ties).as("ties in the reference pages").isGreaterThan(50);
    }
  }

  @Test
  void jsonLinesCutIntoManyRangesGivesTheIndexOfSemhashIndex() throws IOException {
    Path out = tmp.resolve("sharded");
    // ~40 ranges of 40 kB: lines cross range ends, and every range numbers its lines from the counting pass
    Fixture.Run run = f.job("--model", f.model.toString(), "--corpus", f.jsonl.toString(), "--out", out.toString(),
        "--shards", "3", "--range-bytes", "40000", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("read").asLong()).isEqualTo(f.docs.size());
    assertThat(summary.get("encoded").asLong()).isEqualTo(f.docs.size());
    assertAnswersLike(out, f.single, f.docs, 3);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aTaskThatFailsOnceBeforeItsCommitStillGivesEachDocumentOnce() throws IOException {
    Path out = tmp.resolve("retried");
    Fixture.Run run = f.job("--model", f.model.toString(), "--corpus", f.jsonl.toString(), "--out", out.toString(),
        "--shards", "2", "--fail-once", "1");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains(String.format("%,d documents in 2 shards", f.docs.size()))
        .contains(String.format("encoded %,d", f.docs.size()));
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("model", "shard-00000", "shard-00001", "shards.json");
    }
    assertAnswersLike(out, f.single, f.docs, 2);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void treesAndArchivesAreReadAsSemhashIndexReadsThem() throws Exception {
    Path tree = tmp.resolve("corpus");
    for (Document d : f.docs.subList(0, 300)) {
      Path file = tree.resolve("news-" + d.split().label()).resolve(d.labels().get(0)).resolve(d.id().replace('/', '_'));
      Files.createDirectories(file.getParent());
      Files.writeString(file, "Subject: " + d.title() + "\n\n" + d.text(), StandardCharsets.UTF_8);
    }
    Path archive = tmp.resolve("corpus.tar.gz");
    Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", tmp.toString(), "corpus").inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    for (Path corpus : List.of(tree, archive)) {
      Path reference = tmp.resolve("ref-" + corpus.getFileName());
      Fixture.core("index", "--model", f.model.toString(), "--corpus", corpus.toString(), "--out", reference.toString());
      Path out = tmp.resolve("sharded-" + corpus.getFileName());
      Fixture.Run run = f.job("--model", f.model.toString(), "--corpus", corpus.toString(), "--out", out.toString(), "--shards", "2");
      assertThat(run.code()).as(run.err()).isZero();
      List<Document> expected = new ArrayList<>();
      try (SemanticSearchService ref = SemanticSearchService.open(reference)) {
        ref.backend().forEachDocument(d -> expected.add(d.document()));
      }
      assertThat(expected).hasSize(300);
      assertAnswersLike(out, reference, expected, 2);
    }
  }

  @Test
  void duplicateIdsStopTheJobNamingTheIdOrTheLastWins() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(f.jsonl));
    String id = f.docs.get(5).id();
    lines.add("{\"id\":\"" + id + "\",\"text\":\"the replacement text about orbits\",\"split\":\"train\"}");
    Path corpus = Files.write(tmp.resolve("dup.jsonl"), lines);
    Path out = tmp.resolve("dup");
    Fixture.Run run = f.job("--model", f.model.toString(), "--corpus", corpus.toString(), "--out", out.toString(),
        "--range-bytes", "50000");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n")
        .isEqualTo("BuildIndexJob: error: " + corpus + ":" + lines.size() + ": duplicate id '" + id + "' (first seen at "
            + corpus + ":6); --last-wins keeps the last of each id instead");
    assertThat(out).doesNotExist();
    assertThat(leftovers()).isEmpty();

    Fixture.Run last = f.job("--model", f.model.toString(), "--corpus", corpus.toString(), "--out", out.toString(),
        "--last-wins", "--json");
    assertThat(last.code()).as(last.err()).isZero();
    assertThat(new ObjectMapper().readTree(last.out()).get("replaced").asLong()).isEqualTo(1);
    try (SemanticSearchService s = SemanticSearchService.open(out)) {
      assertThat(s.backend().count()).isEqualTo(f.docs.size());
      CodedDocument kept = s.backend().get(id).orElseThrow();
      assertThat(kept.document().text()).isEqualTo("the replacement text about orbits");
      assertThat(kept.code()).isEqualTo(s.model().code(kept.document().fullText()));
    }
  }

  @Test
  void aMalformedLineStopsTheJobNamingFileAndLineOrIsSkippedAndCounted() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(f.jsonl));
    int bad = lines.size() - 37; // far into the file: in a later range than the first
    lines.add(bad - 1, "{\"id\": \"broken\", \"text\": ");
    Path corpus = Files.write(tmp.resolve("bad.jsonl"), lines);
    Path out = tmp.resolve("bad");
    Fixture.Run run = f.job("--model", f.model.toString(), "--corpus", corpus.toString(), "--out", out.toString(),
        "--range-bytes", "30000");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").startsWith("BuildIndexJob: error: " + corpus + ":" + bad + ": ")
        .contains("--skip-bad");
    assertThat(out).doesNotExist();
    assertThat(leftovers()).isEmpty();

    Fixture.Run skipped = f.job("--model", f.model.toString(), "--corpus", corpus.toString(), "--out", out.toString(),
        "--range-bytes", "30000", "--skip-bad", "--json");
    assertThat(skipped.code()).as(skipped.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(skipped.out());
    assertThat(s.get("skipped").get("malformed JSON line").asLong()).isEqualTo(1);
    assertThat(s.get("encoded").asLong()).isEqualTo(f.docs.size());
  }

  @Test
  void aMissingModelOrCorpusOrAnExistingOutputStopsWithOneLine() throws IOException {
    Path out = tmp.resolve("none");
    Fixture.Run noModel = f.job("--model", tmp.resolve("no-model").toString(), "--corpus", f.jsonl.toString(), "--out", out.toString());
    assertThat(noModel.code()).isEqualTo(1);
    assertThat(noModel.err().strip()).isEqualTo("BuildIndexJob: error: " + tmp.resolve("no-model") + ": model directory not found");

    Path corrupt = tmp.resolve("corrupt-model");
    Files.createDirectories(corrupt);
    for (Path p : Files.list(f.model).toList()) {
      Files.copy(p, corrupt.resolve(p.getFileName()));
    }
    byte[] weights = Files.readAllBytes(corrupt.resolve("weights.bin"));
    weights[weights.length / 2] ^= 4;
    Files.write(corrupt.resolve("weights.bin"), weights);
    Fixture.Run badModel = f.job("--model", corrupt.toString(), "--corpus", f.jsonl.toString(), "--out", out.toString());
    assertThat(badModel.code()).isEqualTo(1);
    assertThat(badModel.err().strip()).doesNotContain("\n")
        .startsWith("BuildIndexJob: error: " + corrupt.resolve("weights.bin")).doesNotContain("semhash-model-");

    Fixture.Run noCorpus = f.job("--model", f.model.toString(), "--corpus", tmp.resolve("nothing.jsonl").toString(), "--out", out.toString());
    assertThat(noCorpus.code()).isEqualTo(1);
    assertThat(noCorpus.err().strip()).isEqualTo("BuildIndexJob: error: " + tmp.resolve("nothing.jsonl") + ": no such file or directory");

    Fixture.Run shards = f.job("--model", f.model.toString(), "--corpus", f.jsonl.toString(), "--out", out.toString(), "--shards", "0");
    assertThat(shards.code()).isEqualTo(1);
    assertThat(shards.err().strip()).isEqualTo("BuildIndexJob: error: --shards must be in [1, 10000], got 0");
    assertThat(out).doesNotExist();

    Files.createDirectories(out);
    Fixture.Run exists = f.job("--model", f.model.toString(), "--corpus", f.jsonl.toString(), "--out", out.toString());
    assertThat(exists.code()).isEqualTo(1);
    assertThat(exists.err().strip()).isEqualTo("BuildIndexJob: error: " + out + ": already exists; remove it or choose another --out");
    assertThat(leftovers()).isEmpty();
  }

  /** Staging folders of this test's runs left next to their outputs. */
  List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  /** Kept for the record: the ids of the slice are unique, so the duplicate test's single added line is the only repeat. */
  @Test
  void theSliceHasUniqueIds() {
    Map<String, Integer> seen = new HashMap<>();
    f.docs.forEach(d -> seen.merge(d.id(), 1, Integer::sum));
    assertThat(seen.values()).containsOnly(1);
  }
}
