package io.semhash.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.backend.SearchBackend;
import io.semhash.codes.BitCode;
import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.model.HashingModel;
import io.semhash.model.TrainingOptions;
import io.semhash.pipeline.IndexDirectoryWriter;
import io.semhash.pipeline.ModelTraining;
import io.semhash.pipeline.ShardedIndexWriter;
import io.semhash.search.SearchHit;
import io.semhash.search.SearchMode;
import io.semhash.search.SearchRequest;
import io.semhash.search.SearchResponse;
import io.semhash.search.SemanticSearchService;
import io.semhash.server.SemhashServer;
import io.semhash.testing.CliRun;
import io.semhash.text.CorpusVectors;
import io.semhash.text.VocabularyOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded index directory against one index directory of the same documents and model: the
 * same pages (ids, distances, codes, ties in storage order) for many queries, with paging, label
 * filters and radii, through the service, the CLI and the HTTP server.
 */
class ShardedIndexTest {
  @TempDir static Path dir;
  static List<Document> docs;
  static HashingModel model;
  static SemanticSearchService single;
  static SemanticSearchService sharded;

  /** Four topics, short texts of few words at 16 bits: many documents share a code, so ties are everywhere. */
  static List<Document> corpus() {
    SplittableRandom r = new SplittableRandom(7);
    String[][] topics = {
      {"orbit", "rocket", "launch", "shuttle", "nasa", "satellite", "moon", "astronaut"},
      {"hockey", "goalie", "puck", "playoffs", "skate", "season", "team", "coach"},
      {"church", "bible", "faith", "prayer", "gospel", "christ", "belief", "scripture"},
      {"engine", "brake", "wheel", "dealer", "tire", "clutch", "sedan", "mileage"}};
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int t = r.nextInt(topics.length);
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        sb.append(topics[t][r.nextInt(topics[t].length)]).append(' ');
      }
      out.add(new Document("d" + r.nextInt(1_000_000) + "-" + i, "t" + i, sb.toString(),
          i % 7 == 0 ? List.of("topic" + t, "seven") : List.of("topic" + t), i % 5 == 0 ? Split.TEST : Split.TRAIN));
    }
    return out;
  }

  @BeforeAll
  static void build() throws IOException {
    docs = corpus();
    CorpusVectors vectors = CorpusVectors.build(docs, new VocabularyOptions(1000, 1, 1.0, false), null);
    model = ModelTraining.train(docs, vectors,
        new TrainingOptions(16, 32, "zgr", 0.5, 10, 1.0, 0.0, 2, 3e-3, 32, 5, 2, 0.2, 5), null);
    IndexDirectoryWriter.write(model, docs, "all", dir.resolve("single"), null);
    ShardedIndexWriter.write(model, docs, 3, dir.resolve("sharded"));
    single = SemanticSearchService.open(dir.resolve("single"));
    sharded = SemanticSearchService.open(dir.resolve("sharded"));
  }

  @AfterAll
  static void close() {
    single.close();
    sharded.close();
  }

  static List<String> queries() {
    List<String> q = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      q.add(docs.get(i * 6).text());
    }
    q.addAll(List.of("rocket moon", "goalie puck playoffs", "faith", "brake tire mileage dealer", "nothing known here"));
    return q;
  }

  static List<String> page(SearchResponse r) {
    return r.results().stream().map(h -> h.id() + "@" + h.distance() + ":" + h.codeHex()).toList();
  }

  @Test
  void everyShardHoldsDocumentsAndTogetherTheyHoldEachOnce() {
    ShardedIndexBackend b = (ShardedIndexBackend) sharded.backend();
    assertThat(b.shardCount()).isEqualTo(3);
    assertThat(b.count()).isEqualTo(docs.size());
    Set<String> seen = new HashSet<>();
    for (Document d : docs) {
      assertThat(b.get(d.id())).as(d.id()).isPresent();
      assertThat(b.get(d.id()).get().code()).isEqualTo(model.code(d.fullText()));
      assertThat(seen.add(d.id())).isTrue();
    }
    ShardedManifest m;
    try {
      m = ShardedLayout.readManifest(dir.resolve("sharded"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(m.shards()).allSatisfy(s -> assertThat(s.documents()).isBetween(80L, 200L));
    assertThat(m.shards().stream().mapToLong(ShardedManifest.Shard::documents).sum()).isEqualTo(docs.size());
  }

  @Test
  void semanticPagesEqualTheSingleDirectorysTiesIncluded() {
    int tiesAcrossShards = 0;
    for (String q : queries()) {
      for (int[] pageAt : new int[][] {{0, 1}, {0, 10}, {5, 20}, {0, 150}, {390, 30}}) {
        SearchRequest req = new SearchRequest(q, pageAt[1], pageAt[0], List.of(), null, SearchMode.SEMANTIC);
        SearchResponse a = single.search(req);
        SearchResponse b = sharded.search(req);
        assertThat(page(b)).as(q + " " + pageAt[0] + "+" + pageAt[1]).containsExactlyElementsOf(page(a));
        assertThat(b.total()).isEqualTo(a.total());
      }
      tiesAcrossShards += tiesAcrossShards(single.search(new SearchRequest(q, 150, 0, List.of(), null, SearchMode.SEMANTIC)));
    }
    // the comparison is only worth something if equal distances cross shards and page boundaries
    assertThat(tiesAcrossShards).isGreaterThan(100);
  }

  /** Adjacent hits at the same distance that live in different shards. */
  static int tiesAcrossShards(SearchResponse r) {
    int n = 0;
    for (int i = 1; i < r.results().size(); i++) {
      SearchHit x = r.results().get(i - 1);
      SearchHit y = r.results().get(i);
      if (x.distance() == y.distance() && ShardRouting.shardOf(x.id(), 3) != ShardRouting.shardOf(y.id(), 3)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void filteredAndRadiusPagesEqualTheSingleDirectorys() {
    for (String q : queries()) {
      for (List<String> labels : List.of(List.of("seven"), List.of("topic1", "topic3"))) {
        SearchRequest req = new SearchRequest(q, 25, 3, labels, null, SearchMode.SEMANTIC);
        SearchResponse a = single.search(req);
        assertThat(page(sharded.search(req))).as(q + " " + labels).containsExactlyElementsOf(page(a));
        assertThat(sharded.search(req).total()).isEqualTo(a.total());
      }
      for (int radius : new int[] {0, 2, 5}) {
        SearchRequest req = new SearchRequest(q, 40, 2, List.of(), radius, SearchMode.SEMANTIC);
        SearchResponse a = single.search(req);
        assertThat(page(sharded.search(req))).as(q + " r=" + radius).containsExactlyElementsOf(page(a));
        assertThat(sharded.search(req).total()).isEqualTo(a.total());
      }
    }
  }

  @Test
  void similarCodesLabelsAndDocumentWalkEqualTheSingleDirectorys() {
    for (int i = 0; i < docs.size(); i += 37) {
      String id = docs.get(i).id();
      assertThat(page(sharded.similar(id, 20).orElseThrow())).containsExactlyElementsOf(page(single.similar(id, 20).orElseThrow()));
    }
    SearchBackend a = single.backend();
    SearchBackend b = sharded.backend();
    assertThat(b.codes()).containsExactlyElementsOf(a.codes());
    assertThat(new ArrayList<>(b.labelCounts().entrySet())).containsExactlyElementsOf(new ArrayList<>(a.labelCounts().entrySet()));
    List<String> walkA = new ArrayList<>();
    List<String> walkB = new ArrayList<>();
    a.forEachDocument(d -> walkA.add(d.document().id() + d.code().toHex()));
    b.forEachDocument(d -> walkB.add(d.document().id() + d.code().toHex()));
    assertThat(walkB).containsExactlyElementsOf(walkA).hasSize(docs.size());
  }

  @Test
  void keywordSearchFindsTheSameDocumentsAsTheSingleDirectory() {
    // BM25 scores come from each shard's own statistics, so only the matching set is the same
    for (String q : List.of("rocket", "goalie puck", "faith prayer")) {
      SearchRequest req = new SearchRequest(q, 400, 0, List.of(), null, SearchMode.KEYWORD);
      Set<String> a = new HashSet<>(single.search(req).results().stream().map(SearchHit::id).toList());
      Set<String> b = new HashSet<>(sharded.search(req).results().stream().map(SearchHit::id).toList());
      assertThat(b).isEqualTo(a).isNotEmpty();
      assertThat(sharded.search(req).total()).isEqualTo(single.search(req).total());
    }
  }

  /**
   * {@code semhash index --shards N} over a JSON Lines file of the documents writes the sharded
   * layout (each document in its compositeId shard) that answers as {@code semhash index} without
   * it; {@code --split} applies; a shard count out of range is one line.
   */
  @Test
  void indexCommandWithShardsWritesAShardedDirectoryThatAnswersAsTheSingleOne() throws IOException {
    Path modelDir = dir.resolve("cli-model");
    Files.createDirectories(modelDir);
    model.writeInto(modelDir);
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (Document d : docs) {
      lines.add(json.writeValueAsString(Map.of("id", d.id(), "title", d.title(), "text", d.text(), "labels", d.labels(),
          "split", d.split().label())));
    }
    Path corpus = Files.write(dir.resolve("cli-corpus.jsonl"), lines);
    Path out = dir.resolve("cli-index-sharded");
    CliRun run = CliRun.of("index", "--model", modelDir.toString(), "--corpus", corpus.toString(), "--out", out.toString(),
        "--shards", "5", "--split", "train");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Document> train = docs.stream().filter(d -> d.split() == Split.TRAIN).toList();
    assertThat(run.out()).contains(String.format("%,d documents in 5 shards, 16 bits", train.size()));
    ShardedManifest m = ShardedLayout.readManifest(out);
    assertThat(m.router()).isEqualTo(ShardRouting.COMPOSITE_ID);
    assertThat(m.shards()).extracting(ShardedManifest.Shard::name)
        .containsExactly("shard-00000", "shard-00001", "shard-00002", "shard-00003", "shard-00004");
    for (int s = 0; s < 5; s++) {
      try (SemanticSearchService shard = SemanticSearchService.open(out.resolve(ShardedLayout.shardName(s)))) {
        int expected = s;
        List<String> ids = new ArrayList<>();
        shard.backend().forEachDocument(d -> ids.add(d.document().id()));
        assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(ShardRouting.shardOf(id, 5)).as(id).isEqualTo(expected));
        assertThat((long) ids.size()).isEqualTo(m.shards().get(s).documents());
      }
    }
    IndexDirectoryWriter.write(model, train, "all", dir.resolve("cli-index-single"), null);
    try (SemanticSearchService a = SemanticSearchService.open(dir.resolve("cli-index-single"));
        SemanticSearchService b = SemanticSearchService.open(out)) {
      assertThat(b.backend().count()).isEqualTo(train.size());
      for (String q : queries()) {
        SearchRequest req = new SearchRequest(q, 40, 3, List.of(), null, SearchMode.SEMANTIC);
        assertThat(page(b.search(req))).as(q).containsExactlyElementsOf(page(a.search(req)));
      }
    }
    CliRun zero = CliRun.of("index", "--model", modelDir.toString(), "--corpus", corpus.toString(), "--out",
        dir.resolve("cli-zero").toString(), "--shards", "0");
    assertThat(zero.exitCode()).isEqualTo(1);
    assertThat(zero.err().strip()).isEqualTo("semhash index: error: --shards 0 is outside [1, 10000]");
    assertThat(dir.resolve("cli-zero")).doesNotExist();
  }

  @Test
  void cliSearchPrintsWhatTheSingleDirectoryPrints() throws IOException {
    ObjectMapper json = new ObjectMapper();
    // directories of their own: the services above hold the Lucene write locks of theirs
    IndexDirectoryWriter.write(model, docs, "all", dir.resolve("cli-single"), null);
    ShardedIndexWriter.write(model, docs, 4, dir.resolve("cli-sharded"));
    for (String q : List.of("rocket moon launch", "goalie")) {
      CliRun a = CliRun.of("search", "--index", dir.resolve("cli-single").toString(), "--k", "30", "--json", q);
      CliRun b = CliRun.of("search", "--index", dir.resolve("cli-sharded").toString(), "--k", "30", "--json", q);
      assertThat(a.exitCode()).as(a.err()).isZero();
      assertThat(b.exitCode()).as(b.err()).isZero();
      JsonNode ja = json.readTree(a.out());
      JsonNode jb = json.readTree(b.out());
      assertThat(jb.get("results")).isEqualTo(ja.get("results"));
      assertThat(jb.get("total")).isEqualTo(ja.get("total"));
    }
  }

  @Test
  void serverAnswersSearchesLikeTheSingleDirectoryAndRefusesWritesWith405() throws Exception {
    SemhashConfig.Server settings = new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, "secret");
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    try (SemhashServer a = SemhashServer.start(single, settings); SemhashServer b = SemhashServer.start(sharded, settings)) {
      for (String path : List.of("/api/search?q=shuttle+orbit&k=50", "/api/search?q=coach&k=20&offset=10&labels=seven",
          "/api/docs/" + docs.get(3).id() + "/similar?k=15")) {
        JsonNode ra = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> rb = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(rb.statusCode()).isEqualTo(200);
        assertThat(json.readTree(rb.body()).get("results")).as(path).isEqualTo(ra.get("results"));
      }
      HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/api/docs/" + docs.get(0).id()))
          .header("Authorization", "Bearer secret").DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(write.statusCode()).as(write.body()).isEqualTo(405);
      assertThat(json.readTree(write.body()).get("error").asText()).isEqualTo("read_only");
      assertThat(sharded.backend().get(docs.get(0).id())).isPresent();
    }
  }

  @Test
  void aDamagedOrderFileOrAForeignShardModelIsAnErrorNamingTheFile() throws IOException {
    Path copy = dir.resolve("damaged");
    ShardedIndexWriter.write(model, docs.subList(0, 60), 2, copy);
    Path order = copy.resolve(ShardedLayout.shardName(1)).resolve(ShardedLayout.ORDER);
    byte[] bytes = Files.readAllBytes(order);
    bytes[bytes.length / 2] ^= 1;
    Files.write(order, bytes);
    assertThatThrownBy(() -> SemanticSearchService.open(copy)).hasMessageContaining(order.toString());

    Path other = dir.resolve("foreign");
    ShardedIndexWriter.write(model, docs.subList(0, 60), 2, other);
    Path shardModel = other.resolve(ShardedLayout.shardName(0)).resolve("model").resolve("manifest.json");
    Files.writeString(shardModel, Files.readString(shardModel).replaceFirst("\"createdAt\" *: *\"[^\"]*\"", "\"createdAt\":\"x\""));
    assertThatThrownBy(() -> SemanticSearchService.open(other)).hasMessageContaining(shardModel.toString());
  }

  /** Keys of a shard follow the corpus's order, so the walk above is the corpus order. */
  @Test
  void orderKeysAreCorpusPositions() throws IOException {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      position.put(docs.get(i).id(), i);
    }
    long[] keys = ShardOrder.read(dir.resolve("sharded").resolve(ShardedLayout.shardName(2)));
    List<String> ids = new ArrayList<>();
    sharded.backend().forEachDocument(d -> ids.add(d.document().id()));
    assertThat(ids).containsExactlyElementsOf(docs.stream().map(Document::id).toList());
    for (long k : keys) {
      assertThat(ShardRouting.shardOf(docs.get((int) k).id(), 3)).isEqualTo(2);
    }
  }
}
