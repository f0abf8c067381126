package io.semhash.shards;

import io.semhash.backend.AddResult;
import io.semhash.backend.CodeMatch;
import io.semhash.backend.CodeMatches;
import io.semhash.backend.CodedDocument;
import io.semhash.backend.KeywordMatch;
import io.semhash.backend.KeywordMatches;
import io.semhash.backend.SearchBackend;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Document;
import io.semhash.index.HammingIndex;
import io.semhash.index.SearchResult;
import io.semhash.indexdir.IndexLayout;
import io.semhash.indexdir.LocalIndexBackend;
import io.semhash.indexdir.NumberedKeywordMatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The backend of a sharded index directory: every shard an ordinary index directory opened as a
 * {@link LocalIndexBackend}, searched one after the other in this process (scatter), the answers
 * merged (gather).
 *
 * <p><b>Same answers as one directory.</b> Each shard ranks by (distance, stored number) and its
 * keys ({@link ShardOrder}) increase with the number, so a shard's top n by (distance, key) is its
 * top n by (distance, number); the merge keeps the global top {@code offset + k} by (distance,
 * key). With keys that follow the corpus's reading order, that is exactly the ranking, ties
 * included, of one index directory built from the same corpus, whose storage order is the reading
 * order. Totals add up. Keyword search merges the shards' BM25 pages by score, ties by key; each
 * shard scores with its own term statistics (as SolrCloud does without a distributed statistics
 * cache), so keyword scores can differ slightly from one directory's.
 *
 * <p><b>Read-only.</b> A sharded directory is built whole (the Spark job, or {@code
 * ShardedIndexWriter}); {@link #put} and {@link #delete} throw {@link
 * UnsupportedOperationException}, which the HTTP layer answers with 405.
 */
public final class ShardedIndexBackend implements SearchBackend {
  private final Path dir;
  private final List<LocalIndexBackend> shards;
  private final List<long[]> keys;
  private final CodeShape shape;

  private ShardedIndexBackend(Path dir, List<LocalIndexBackend> shards, List<long[]> keys, CodeShape shape) {
    this.dir = dir;
    this.shards = shards;
    this.keys = keys;
    this.shape = shape;
  }

  /**
   * Opens every shard of a sharded directory (each checked and repaired as {@link
   * LocalIndexBackend#open} does) and its order file. Each shard's model must be the top-level
   * model: their manifests, which carry the checksums of the model files, must be equal.
   *
   * @param shape the code shape of the top-level model
   * @param encoder the code of a document, for a shard's crash repair
   */
  public static ShardedIndexBackend open(Path dir, CodeShape shape, Function<Document, BitCode> encoder) throws IOException {
    ShardedManifest manifest = ShardedLayout.readManifest(dir);
    byte[] model = Files.readAllBytes(dir.resolve(ShardedLayout.MODEL).resolve("manifest.json"));
    List<LocalIndexBackend> shards = new ArrayList<>();
    List<long[]> keys = new ArrayList<>();
    try {
      for (ShardedManifest.Shard s : manifest.shards()) {
        Path shardDir = dir.resolve(s.name());
        IndexLayout.readManifest(shardDir);
        Path shardModel = shardDir.resolve(IndexLayout.MODEL).resolve("manifest.json");
        if (!Files.exists(shardModel) || !Arrays.equals(model, Files.readAllBytes(shardModel))) {
          throw new IOException(shardModel + ": the shard's model differs from " + dir.resolve(ShardedLayout.MODEL));
        }
        LocalIndexBackend shard = LocalIndexBackend.open(shardDir, shape, encoder);
        shards.add(shard);
        long[] order = ShardOrder.read(shardDir);
        if (order.length != shard.numbers()) {
          throw new IOException(shardDir.resolve(ShardedLayout.ORDER) + ": " + order.length + " keys for "
              + shard.numbers() + " stored numbers");
        }
        keys.add(order);
      }
    } catch (IOException | RuntimeException e) {
      shards.forEach(LocalIndexBackend::close);
      throw e;
    }
    return new ShardedIndexBackend(dir, List.copyOf(shards), List.copyOf(keys), shape);
  }

  /** Shards served. */
  public int shardCount() {
    return shards.size();
  }

  @Override
  public int bits() {
    return shape.bits();
  }

  @Override
  public CodeShape shape() {
    return shape;
  }

  @Override
  public long count() {
    return shards.stream().mapToLong(LocalIndexBackend::count).sum();
  }

  @Override
  public Map<String, Long> labelCounts() {
    Map<String, Long> sums = new TreeMap<>();
    for (LocalIndexBackend s : shards) {
      s.labelCounts().forEach((label, n) -> sums.merge(label, n, Long::sum));
    }
    // most frequent first, ties in label order: the order one directory's store gives
    Map<String, Long> sorted = new LinkedHashMap<>();
    sums.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** A hit of one shard: its place in the merged ranking is (distance, key). */
  private record Hit(int shard, int number, int distance, long key) {}

  private static final Comparator<Hit> BY_DISTANCE_THEN_KEY =
      Comparator.comparingInt(Hit::distance).thenComparingLong(Hit::key);

  @Override
  public CodeMatches nearest(BitCode query, int offset, int k, Collection<String> labels) {
    int n = Math.min(offset + k, HammingIndex.MAX_K);
    List<Hit> hits = new ArrayList<>();
    long total = 0;
    for (int s = 0; s < shards.size(); s++) {
      collect(s, shards.get(s).rankNearest(query, n, labels), hits);
      total += shards.get(s).admitted(labels);
    }
    return new CodeMatches(total, page(hits, offset, k));
  }

  @Override
  public CodeMatches within(BitCode query, int radius, int offset, int k, Collection<String> labels) {
    List<Hit> hits = new ArrayList<>();
    for (int s = 0; s < shards.size(); s++) {
      collect(s, shards.get(s).rankWithin(query, radius, labels), hits);
    }
    return new CodeMatches(hits.size(), page(hits, offset, k));
  }

  private void collect(int shard, SearchResult result, List<Hit> into) {
    long[] order = keys.get(shard);
    int[] ids = result.ids();
    int[] distances = result.distances();
    for (int i = 0; i < ids.length; i++) {
      into.add(new Hit(shard, ids[i], distances[i], order[ids[i]]));
    }
  }

  /** Ranks the hits of all shards, keeps offset .. offset + k - 1 and reads their documents, a batch per shard. */
  private List<CodeMatch> page(List<Hit> hits, int offset, int k) {
    hits.sort(BY_DISTANCE_THEN_KEY);
    List<Hit> page = hits.subList(Math.min(offset, hits.size()), (int) Math.min(hits.size(), (long) offset + k));
    CodeMatch[] out = new CodeMatch[page.size()];
    for (int s = 0; s < shards.size(); s++) {
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < page.size(); i++) {
        if (page.get(i).shard() == s) {
          at.add(i);
        }
      }
      if (at.isEmpty()) {
        continue;
      }
      int[] numbers = at.stream().mapToInt(i -> page.get(i).number()).toArray();
      int[] distances = at.stream().mapToInt(i -> page.get(i).distance()).toArray();
      List<CodeMatch> read = shards.get(s).matchesOf(numbers, distances);
      for (int j = 0; j < at.size(); j++) {
        out[at.get(j)] = read.get(j);
      }
    }
    return List.of(out);
  }

  /** A keyword hit of one shard, ranked by score, ties by key. */
  private record ScoredHit(KeywordMatch match, long key) {}

  @Override
  public KeywordMatches keyword(String query, Collection<String> labels, int offset, int k) {
    List<ScoredHit> hits = new ArrayList<>();
    long total = 0;
    for (int s = 0; s < shards.size(); s++) {
      NumberedKeywordMatches page = shards.get(s).numberedKeyword(query, labels, 0, offset + k);
      total += page.matches().total();
      int[] numbers = page.numbers();
      for (int i = 0; i < numbers.length; i++) {
        hits.add(new ScoredHit(page.matches().matches().get(i), keys.get(s)[numbers[i]]));
      }
    }
    hits.sort(Comparator.comparingDouble((ScoredHit h) -> -h.match().score()).thenComparingLong(ScoredHit::key));
    List<KeywordMatch> page = hits.subList(Math.min(offset, hits.size()), Math.min(hits.size(), offset + k)).stream()
        .map(ScoredHit::match).toList();
    return new KeywordMatches(total, page);
  }

  @Override
  public List<String> excerpts(List<String> texts, String query) {
    return shards.get(0).excerpts(texts, query);
  }

  @Override
  public Optional<CodedDocument> get(String id) {
    for (LocalIndexBackend s : shards) {
      Optional<CodedDocument> found = s.get(id);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  @Override
  public AddResult put(List<Document> documents, List<BitCode> codes) {
    throw readOnly();
  }

  @Override
  public boolean delete(String id) {
    throw readOnly();
  }

  private UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException(dir + " is a sharded index directory, which is read-only: rebuild it to change it");
  }

  /** Every live document of every shard, in global storage order (by key). */
  private List<Hit> live() {
    List<Hit> all = new ArrayList<>();
    for (int s = 0; s < shards.size(); s++) {
      LocalIndexBackend shard = shards.get(s);
      long[] order = keys.get(s);
      for (int n = 0; n < order.length; n++) {
        if (shard.isLive(n)) {
          all.add(new Hit(s, n, 0, order[n]));
        }
      }
    }
    all.sort(Comparator.comparingLong(Hit::key));
    return all;
  }

  @Override
  public List<BitCode> codes() {
    return live().stream().map(h -> shards.get(h.shard()).code(h.number())).toList();
  }

  private static final int PAGE = 1024;

  @Override
  public boolean forEachDocument(Consumer<CodedDocument> sink) {
    List<Hit> all = live();
    for (int from = 0; from < all.size(); from += PAGE) {
      for (CodeMatch m : page(new ArrayList<>(all.subList(from, Math.min(all.size(), from + PAGE))), 0, PAGE)) {
        sink.accept(new CodedDocument(m.document(), m.code()));
      }
    }
    return true;
  }

  @Override
  public void close() {
    shards.forEach(LocalIndexBackend::close);
  }
}
