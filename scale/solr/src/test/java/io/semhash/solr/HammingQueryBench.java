package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import io.semhash.index.HammingIndex;
import io.semhash.index.SearchResult;
import io.semhash.testing.ClusteredCodes;
import io.semhash.testing.QueryTimes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The plugin's per-shard search without Solr's request around it: {@link HammingQuery} run by a
 * Lucene {@link IndexSearcher} over a shard-like index of binary docValues codes, against the
 * in-process {@link HammingIndex#knn} over the same codes (what {@code semhash serve} runs
 * locally), per query the best of several interleaved rounds. Solr reports its own times in whole
 * milliseconds, too coarse for a search of tens of microseconds; this is the "plugin's
 * per-shard search" at the resolution of {@link System#nanoTime}. Every answer's distances are
 * compared with the in-process ones.
 *
 * <pre>
 * HammingQueryBench [--codes 1000000] [--bits 64] [--segments 1] [--queries 300]
 *                   [--queries-from codes|random] [--k 10] [--rounds 5] [--index reader|segments]
 * </pre>
 *
 * The codes are {@link ClusteredCodes} from seed 7, the codes {@code SolrPluginBench} loads into
 * Solr, so the two benchmarks search the same data. Before the queries it reports what a new
 * searcher costs before it serves: reading the segments' codes from docValues, the first build of
 * the index a query searches, and (several segments) a rebuild of the reader's index from codes
 * already read, what each reopen after a commit pays ({@link ReaderCodes}). {@code --index
 * segments} searches the same segments per segment instead ({@link WithoutReaderKey}), the
 * plugin's path before one index per reader.
 */
public final class HammingQueryBench {
  private HammingQueryBench() {}

  public static void main(String[] args) throws Exception {
    int n = 1_000_000;
    int bits = 64;
    int segments = 1;
    int queries = 300;
    int k = 10;
    int rounds = 5;
    boolean far = false;
    boolean perSegment = false;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--codes" -> n = Integer.parseInt(value);
        case "--bits" -> bits = Integer.parseInt(value);
        case "--segments" -> segments = Integer.parseInt(value);
        case "--queries" -> queries = Integer.parseInt(value);
        case "--k" -> k = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--queries-from" -> far = switch (value) {
          case "codes" -> false;
          case "random" -> true;
          default -> throw new IllegalArgumentException("--queries-from is codes or random, not " + value);
        };
        case "--index" -> perSegment = switch (value) {
          case "reader" -> false;
          case "segments" -> true;
          default -> throw new IllegalArgumentException("--index is reader or segments, not " + value);
        };
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    CodeArray codes = ClusteredCodes.generate(n, bits, random);
    long l0 = System.nanoTime();
    HammingIndex local = HammingIndex.create(bits);
    local.addAll(codes);
    double localBuild = (System.nanoTime() - l0) / 1e6;
    Path dir = Files.createTempDirectory("hamming-query-bench");
    try (Directory directory = FSDirectory.open(dir)) {
      // a flush every n / segments documents and no merges: the shard holds exactly that many segments
      IndexWriterConfig config = new IndexWriterConfig().setMaxBufferedDocs(Math.max(2, (n + segments - 1) / segments))
          .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH).setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < codes.size(); i++) {
          Document d = new Document();
          d.add(new BinaryDocValuesField("code", new BytesRef(codes.get(i).toBytes())));
          writer.addDocument(d);
        }
      }
      List<BitCode> qs = ClusteredCodes.queries(queries, bits, far, codes.size(), codes::get, random);
      DirectoryReader opened = DirectoryReader.open(directory);
      try (DirectoryReader reader = perSegment ? new WithoutReaderKey(opened) : opened) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null); // every round searches; Solr's caches are Solr's
        CodeShape shape = CodeShape.binary(bits);
        // what a new searcher costs before it serves: its segments' codes read from docValues (once per
        // segment core), then the index a query searches (the reader's, or the segment's for one segment),
        // built here as CodeIndexWarmer builds it in Solr
        long r0 = System.nanoTime();
        for (var leaf : reader.leaves()) {
          SegmentCodes.of(leaf.reader(), "code", shape);
        }
        long r1 = System.nanoTime();
        HammingQuery.prepare(reader, "code", shape);
        long r2 = System.nanoTime();
        // a reopen rebuilds the reader's index from codes already read: the best of 3 such builds
        // and its thread's CPU time, which a loaded machine does not inflate as it does the wall time
        double rebuild = Double.POSITIVE_INFINITY;
        double rebuildCpu = Double.POSITIVE_INFINITY;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean whole = reader.leaves().size() > 1 && !perSegment;
        for (int i = 0; i < 3 && whole; i++) {
          long b0 = System.nanoTime();
          long c0 = cpu.getCurrentThreadCpuTime();
          ReaderCodes.build(reader, "code", shape);
          rebuildCpu = Math.min(rebuildCpu, (cpu.getCurrentThreadCpuTime() - c0) / 1e6);
          rebuild = Math.min(rebuild, (System.nanoTime() - b0) / 1e6);
        }
        System.out.printf(Locale.ROOT, "codes read from docValues: %.0f ms; first index build: %.0f ms (%s);"
                + " reader index rebuild, best of 3: %s; in-process index build: %.0f ms%n",
            (r1 - r0) / 1e6, (r2 - r1) / 1e6, whole ? "the reader's" : "each segment's",
            rebuild == Double.POSITIVE_INFINITY
                ? "-"
                : String.format(Locale.ROOT, "%.0f ms (CPU %.0f ms)", rebuild, rebuildCpu), localBuild);
        QueryTimes inProcess = QueryTimes.of(queries);
        QueryTimes plugin = QueryTimes.of(queries);
        int differing = 0;
        for (int round = 0; round < rounds; round++) {
          for (int q = 0; q < queries; q++) {
            BitCode c = qs.get(q);
            long t0 = System.nanoTime();
            SearchResult r = local.knn(c, k, null);
            inProcess.record(q, (System.nanoTime() - t0) / 1e6);
            long t1 = System.nanoTime();
            TopDocs top = searcher.search(new HammingQuery("code", shape, c, k, bits, null), k);
            plugin.record(q, (System.nanoTime() - t1) / 1e6);
            if (round == 0 && !Arrays.equals(distances(top, bits), r.distances())) {
              differing++;
            }
          }
        }
        System.out.printf(Locale.ROOT, "codes %d x %d bits in %d segment(s), %s, %d queries (%s), k=%d, best of %d rounds;"
                + " answers differing: %d%n", n, bits, reader.leaves().size(), perSegment ? "an index per segment" : "one index per reader", queries,
            far ? "random codes" : "stored codes with 0-3 flips", k, rounds, differing);
        System.out.printf(Locale.ROOT, "| in-process HammingIndex.knn | p50 %.4f ms | p99 %.4f ms | mean %.4f ms |%n",
            inProcess.percentile(50), inProcess.percentile(99), inProcess.mean());
        System.out.printf(Locale.ROOT, "| HammingQuery on IndexSearcher | p50 %.4f ms | p99 %.4f ms | mean %.4f ms |%n",
            plugin.percentile(50), plugin.percentile(99), plugin.mean());
        System.out.printf(Locale.ROOT, "plugin / in-process: p50 %.2fx, mean %.2fx%n",
            plugin.percentile(50) / inProcess.percentile(50), plugin.mean() / inProcess.mean());
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int[] distances(TopDocs top, int bits) {
    int[] d = new int[top.scoreDocs.length];
    int i = 0;
    for (ScoreDoc s : top.scoreDocs) {
      d[i++] = bits - Math.round(s.score);
    }
    return d;
  }
}
