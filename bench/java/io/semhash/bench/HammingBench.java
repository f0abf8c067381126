package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.index.HammingIndex;
import io.semhash.index.HammingScanIndex;
import io.semhash.index.MultiIndexHashingIndex;
import io.semhash.index.QueryPlanner;
import io.semhash.index.SearchResult;
import io.semhash.model.HashingModel;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * Queries per second of the Hamming indexes on clustered synthetic codes, single thread.
 *
 * <p>Synthetic generator (seeded, reproducible): {@code C = max(16, n / 1000)} uniformly random centres; each
 * database code copies a uniformly chosen centre and flips every bit independently with
 * probability {@code p = 0.1} (flip positions drawn by geometric skips). Queries are fresh draws
 * from the same process (a random centre plus flips), so they are near, not equal to, stored codes.
 *
 * <p>Methods, same codes and queries, one after the other in one JVM: the naive scan (the anchor:
 * a generic word loop and a {@link PriorityQueue} of k), {@link HammingScanIndex} and {@link
 * MultiIndexHashingIndex} (automatic substrings and cost-based plan). Answers are cross-checked.
 * Each method runs queries until {@code --seconds} have passed (after a warm-up).
 *
 * <p>With {@code --export DIR} the codes, queries and the scan's exact answers are written for
 * {@code bench/faiss_compare.py}: {@code codes-N-B.u8} (n rows of B/8 bytes, little-endian word
 * bytes, i.e. the bit order of docs/ARCHITECTURE.md), {@code queries-N-B.u8}, {@code truth-N-B-K.i32} (ids then
 * distances, int32 little-endian, one row of k per query).
 *
 * <p>With {@code --model MODEL_DIR [--corpus PATH]} (corpus default {@code
 * data/20news-bydate.tar.gz}) the codes are real instead: the model encodes every document, the
 * train split is the database and the test split the queries (all of them unless {@code
 * --queries}); {@code --n} and {@code --bits} are ignored (n = train size, bits = the model's).
 * Same methods, cross-checks (on every query), table and export files.
 *
 * <p>{@code --substrings 3,4,5} times MIH once per substring count (0, the default, is the index's
 * automatic choice); {@code --random-queries} draws uniformly random query codes instead of
 * near ones (no stored code near: the planner's fallback to the scan is what is timed).
 *
 * <p>After each (n, bits) a line reports the mean and median distance of the 1st, 10th and 100th
 * neighbour over the queries, which is what MIH's cost depends on.
 */
public final class HammingBench {

  /** MIH substring counts to time, one row each; {0} = the index's automatic choice. */
  private static int[] substrings = {0};

  public static void main(String[] args) throws IOException {
    int[] ns = {100_000, 1_000_000, 10_000_000};
    int[] bitsList = {64, 128, 256};
    int[] ks = {10, 100};
    double seconds = 2;
    Integer queries = null;
    Path export = null;
    Path model = null;
    Path corpus = Path.of("data/20news-bydate.tar.gz");
    boolean randomQueries = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--n" -> ns = ints(args[++i]);
        case "--bits" -> bitsList = ints(args[++i]);
        case "--k" -> ks = ints(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        case "--export" -> export = Path.of(args[++i]);
        case "--model" -> model = Path.of(args[++i]);
        case "--corpus" -> corpus = Path.of(args[++i]);
        case "--substrings" -> substrings = ints(args[++i]);
        case "--random-queries" -> randomQueries = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf("# java %s, %d cores, single-threaded queries, %.1f s per method%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), seconds);
    if (model != null) {
      realCodes(model, corpus, queries, ks, seconds, export);
      return;
    }
    printHeader();
    for (int n : ns) {
      for (int bits : bitsList) {
        SplittableRandom r = new SplittableRandom(42L * n + bits);
        BitCode[] c = centres(n, bits, r);
        CodeArray codes = clustered(c, n, r);
        int nq = queries == null ? 1000 : queries;
        long[][] qs = randomQueries ? randomQueries(bits, nq, r) : clusteredQueries(c, nq, r);
        bench(codes, qs, ks, seconds, export, 10);
      }
    }
  }

  /**
   * Real codes: the model encodes every document of the corpus; the train split is the database (in
   * corpus order, so ids are train-split positions) and the test split the queries (all of them,
   * or the first {@code queries}). Every query is cross-checked, not only the first 10.
   */
  private static void realCodes(Path modelDir, Path corpusPath, Integer queries, int[] ks, double seconds, Path export)
      throws IOException {
    HashingModel model = HashingModel.load(modelDir);
    long t0 = System.nanoTime();
    Corpus corpus = Corpus.load(corpusPath, CorpusOptions.DEFAULTS);
    List<Document> train = corpus.split(Split.TRAIN);
    List<Document> test = corpus.split(Split.TEST);
    long t1 = System.nanoTime();
    int bits = model.bits();
    CodeArray codes = CodeArray.create(bits, train.size());
    for (Document d : train) {
      codes.add(model.code(d.fullText()));
    }
    int nq = queries == null ? test.size() : Math.min(queries, test.size());
    long[][] qs = new long[nq][];
    for (int i = 0; i < nq; i++) {
      qs[i] = model.code(test.get(i).fullText()).toWords();
    }
    long t2 = System.nanoTime();
    System.out.printf("# model %s (%d bits), corpus %s: %d train documents = database, %d test documents = queries; "
        + "corpus read %.1f s, encoding %.1f s (one thread)%n", modelDir, bits, corpusPath, train.size(), nq,
        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    printHeader();
    bench(codes, qs, ks, seconds, export, nq);
  }

  private static void printHeader() {
    System.out.println("| n | bits | k | naive q/s | scan q/s | scan/naive | scan Gcodes/s | MIH q/s | MIH/scan | MIH plans | MIH examined/q | m | MIH table MB | codes MB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  }

  /**
   * Builds both indexes on {@code codes}, optionally exports codes and queries, then for each k:
   * cross-checks the first {@code checks} queries (naive = scan = MIH), exports the exact answers,
   * times the three methods and prints a table row; finally the build/memory line and the
   * neighbour-distance line.
   */
  private static void bench(CodeArray codes, long[][] qs, int[] ks, double seconds, Path export, int checks)
      throws IOException {
    int bits = codes.bits();
    HammingScanIndex scan = HammingScanIndex.create(bits);
    scan.addAll(codes);
    for (int m : substrings) {
      long t0 = System.nanoTime();
      MultiIndexHashingIndex mih = MultiIndexHashingIndex.create(bits, new MultiIndexHashingIndex.Options(m, false));
      mih.addAll(codes);
      double buildS = (System.nanoTime() - t0) / 1e9;
      benchWith(codes, scan, mih, buildS, qs, ks, seconds, export, checks);
    }
  }

  private static void benchWith(CodeArray codes, HammingScanIndex scan, MultiIndexHashingIndex mih, double buildS,
      long[][] qs, int[] ks, double seconds, Path export, int checks) throws IOException {
    int n = codes.size();
    int bits = codes.bits();
    int wpc = codes.wordsPerCode();
    int queries = qs.length;
    if (export != null) {
      Files.createDirectories(export);
      writeCodes(export.resolve("codes-" + n + "-" + bits + ".u8"), codes.rawWords(), n, bits);
      long[] qflat = new long[queries * wpc];
      for (int i = 0; i < queries; i++) {
        System.arraycopy(qs[i], 0, qflat, i * wpc, wpc);
      }
      writeCodes(export.resolve("queries-" + n + "-" + bits + ".u8"), qflat, queries, bits);
    }
    for (int k : ks) {
      crossCheck(codes, scan, mih, qs, k, Math.min(queries, checks));
      if (export != null) {
        writeTruth(export.resolve("truth-" + n + "-" + bits + "-" + k + ".i32"), scan, qs, k);
      }
      final int kk = k;
      double naiveQps = time(seconds, queries, i -> naive(codes.rawWords(), n, wpc, qs[i], kk).length);
      double scanQps = time(seconds, queries, i -> scan.knn(qs[i], kk, null).size());
      Map<QueryPlanner.Plan, Integer> plans = new EnumMap<>(QueryPlanner.Plan.class);
      long[] examined = new long[1];
      int[] count = new int[1];
      double mihQps = time(seconds, queries, i -> {
        SearchResult res = mih.knn(qs[i], kk, null);
        plans.merge(res.plan(), 1, Integer::sum);
        examined[0] += res.examined();
        count[0]++;
        return res.size();
      });
      HammingIndex.MemoryUsage mu = mih.memoryUsage();
      System.out.printf("| %d | %d | %d | %.0f | %.0f | %.1f | %.2f | %.0f | %.1f | %s | %d | %d | %s | %s |%n",
          n, bits, k, naiveQps, scanQps, scanQps / naiveQps, scanQps * n / 1e9, mihQps, mihQps / scanQps,
          plans, examined[0] / Math.max(1, count[0]), mih.substrings(), mb(mu.tableBytes()), mb(mu.codeBytes()));
    }
    HammingIndex.MemoryUsage su = scan.memoryUsage();
    System.out.printf("#   n=%d bits=%d: MIH build %.2f s; scan memory %s MB allocated for %s MB of codes (%.3fx)%n",
        n, bits, buildS, mb(su.allocatedCodeBytes()), mb(su.codeBytes()),
        (double) su.allocatedCodeBytes() / su.codeBytes());
    printNeighbourDistances(codes, mih, qs);
  }

  /** Naive, scan and MIH must return the same answers on the first {@code count} queries. */
  private static void crossCheck(CodeArray codes, HammingScanIndex scan, MultiIndexHashingIndex mih, long[][] qs,
      int k, int count) {
    for (int i = 0; i < count; i++) {
      SearchResult a = scan.knn(qs[i], k, null);
      SearchResult b = mih.knn(qs[i], k, null);
      int[] naive = naive(codes.rawWords(), codes.size(), codes.wordsPerCode(), qs[i], k);
      if (!a.equals(b) || !Arrays.equals(naive, a.ids())) {
        throw new AssertionError("answers differ at query " + i + ": " + a + " vs " + b);
      }
    }
  }

  /** The scan's exact answers for {@code bench/faiss_compare.py}: per query k ids then k distances. */
  private static void writeTruth(Path file, HammingScanIndex scan, long[][] qs, int k) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file.toFile())))) {
      ByteBuffer row = ByteBuffer.allocate(8 * k).order(ByteOrder.LITTLE_ENDIAN);
      for (long[] q : qs) {
        SearchResult a = scan.knn(q, k, null);
        row.clear();
        for (int j = 0; j < k; j++) {
          row.putInt(j < a.size() ? a.ids()[j] : -1);
        }
        for (int j = 0; j < k; j++) {
          row.putInt(j < a.size() ? a.distances()[j] : -1);
        }
        out.write(row.array());
      }
    }
  }

  /**
   * What drives MIH's cost: how far the 1st, 10th and 100th neighbours lie (mean and median over all
   * queries), how many queries have an exact duplicate in the database, and how many distinct codes
   * the database holds. MIH with m substrings must probe every substring up to radius
   * floor(d_k / m), so the cost grows quickly with d_k.
   */
  private static void printNeighbourDistances(CodeArray codes, MultiIndexHashingIndex mih, long[][] qs) {
    int[] ranks = {1, 10, 100};
    int kmax = Math.min(100, codes.size());
    int[][] d = new int[ranks.length][qs.length];
    int zero = 0;
    for (int i = 0; i < qs.length; i++) {
      int[] dist = mih.knn(qs[i], kmax, null).distances();
      for (int r = 0; r < ranks.length; r++) {
        d[r][i] = dist[Math.min(ranks[r], dist.length) - 1];
      }
      zero += dist[0] == 0 ? 1 : 0;
    }
    Set<BitCode> distinct = new HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      distinct.add(codes.get(i));
    }
    StringBuilder sb = new StringBuilder("#   neighbour distance over " + qs.length + " queries, mean / median:");
    for (int r = 0; r < ranks.length; r++) {
      int[] s = d[r].clone();
      Arrays.sort(s);
      sb.append(String.format(" %s %.2f / %d;", ranks[r] == 1 ? "1st" : ranks[r] + "th",
          Arrays.stream(s).average().orElse(0), s[s.length / 2]));
    }
    sb.append(String.format(" queries with an identical database code %.1f%%; distinct database codes %d of %d",
        100.0 * zero / qs.length, distinct.size(), codes.size()));
    System.out.println(sb);
  }

  interface Query {
    int run(int i);
  }

  /** Runs queries round-robin until {@code seconds} elapse after a warm-up; returns queries/s. */
  static double time(double seconds, int queries, Query q) {
    long sink = 0;
    long warm = System.nanoTime() + (long) (seconds * 0.25e9);
    for (int i = 0; System.nanoTime() < warm || i < 3; i++) {
      sink += q.run(i % queries);
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int done = 0;
    long now;
    do {
      sink += q.run(done % queries);
      done++;
      now = System.nanoTime();
    } while (now < end || done < 3);
    if (sink == 42) {
      System.out.print("");
    }
    return done / ((now - start) / 1e9);
  }

  /** The anchor: a straightforward scan, generic word loop, max-heap of k packed (distance, id). */
  static int[] naive(long[] codes, int n, int wpc, long[] q, int k) {
    return naive(codes, n, wpc, q, k, null);
  }

  /** {@link #naive(long[], int, int, long[], int)} over the ids in {@code filter} only (null: all). */
  static int[] naive(long[] codes, int n, int wpc, long[] q, int k, RoaringBitmap filter) {
    PriorityQueue<Long> heap = new PriorityQueue<>(k + 1, (a, b) -> Long.compare(b, a));
    for (int id = 0; id < n; id++) {
      if (filter != null && !filter.contains(id)) {
        continue;
      }
      int d = 0;
      for (int j = 0; j < wpc; j++) {
        d += Long.bitCount(codes[id * wpc + j] ^ q[j]);
      }
      long key = ((long) d << 32) | id;
      if (heap.size() < k) {
        heap.add(key);
      } else if (key < heap.peek()) {
        heap.poll();
        heap.add(key);
      }
    }
    long[] sorted = heap.stream().mapToLong(Long::longValue).sorted().toArray();
    int[] out = new int[sorted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) sorted[i];
    }
    return out;
  }

  /** The generator's centres for a database of {@code n} codes: {@code max(16, n / 1000)} uniformly random codes. */
  static BitCode[] centres(int n, int bits, SplittableRandom r) {
    BitCode[] c = new BitCode[Math.max(16, n / 1000)];
    for (int i = 0; i < c.length; i++) {
      c[i] = BitCode.random(bits, r);
    }
    return c;
  }

  /** {@code n} database codes: each a uniformly chosen centre with every bit flipped with probability 0.1. */
  static CodeArray clustered(BitCode[] centres, int n, SplittableRandom r) {
    int bits = centres[0].bits();
    CodeArray codes = CodeArray.create(bits, n);
    long[] w = new long[BitCode.wordsFor(bits)];
    for (int i = 0; i < n; i++) {
      codes.add(near(centres[r.nextInt(centres.length)], 0.1, r, w));
    }
    return codes;
  }

  /** {@code count} queries, fresh draws from the same process as {@link #clustered}. */
  static long[][] clusteredQueries(BitCode[] centres, int count, SplittableRandom r) {
    long[] w = new long[centres[0].wordCount()];
    long[][] qs = new long[count][];
    for (int i = 0; i < count; i++) {
      qs[i] = near(centres[r.nextInt(centres.length)], 0.1, r, w).clone();
    }
    return qs;
  }

  /** Uniformly random query codes: no stored code near, the far end of what a query can be. */
  static long[][] randomQueries(int bits, int count, SplittableRandom r) {
    long[][] qs = new long[count][];
    for (int i = 0; i < count; i++) {
      qs[i] = BitCode.random(bits, r).toWords();
    }
    return qs;
  }

  static long[] near(BitCode centre, double p, SplittableRandom r, long[] w) {
    for (int i = 0; i < w.length; i++) {
      w[i] = centre.word(i);
    }
    double logq = Math.log(1 - p);
    int bits = centre.bits();
    // geometric skips: the gap to the next flipped bit
    for (int b = (int) (Math.log(1 - r.nextDouble()) / logq); b < bits; b += 1 + (int) (Math.log(1 - r.nextDouble()) / logq)) {
      w[b >>> 6] ^= 1L << b;
    }
    return w;
  }

  static void writeCodes(Path file, long[] words, int n, int bits) throws IOException {
    int wpc = BitCode.wordsFor(bits);
    int bytes = (bits + 7) / 8;
    try (OutputStream out = new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 20)) {
      ByteBuffer row = ByteBuffer.allocate(8 * wpc).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        row.clear();
        for (int j = 0; j < wpc; j++) {
          row.putLong(words[i * wpc + j]);
        }
        out.write(row.array(), 0, bytes);
      }
    }
  }

  /** Megabytes, whole above 10 MB, two decimals below (small real-code databases would print 0). */
  private static String mb(long bytes) {
    return String.format(bytes >= 10_000_000 ? "%.0f" : "%.2f", bytes / 1e6);
  }

  private static int[] ints(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).mapToInt(x -> (int) Double.parseDouble(x)).toArray();
  }
}
