package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.index.HammingIndex;
import io.semhash.testing.ClusteredCodes;
import io.semhash.testing.QueryTimes;
import io.semhash.index.SearchResult;
import io.semhash.progress.Progress;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrCollections;
import io.semhash.solrcloud.SolrNodes;
import io.semhash.text.TermAnalyzer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;

/**
 * The semhash Solr plugin's k-NN query inside Solr against the same search in this process, on
 * the same codes: per query, Solr's own time (QTime, the request inside the node, one shard) and
 * the in-process {@link HammingIndex#knn} (the index type the plugin builds per segment), with
 * every Solr answer's distances checked against the in-process ones.
 *
 * <pre>
 * SolrPluginBench --solr URL --collection NAME --index INDEX_DIR [--queries 500] [--k 10] [--rounds 5]
 *     (the collection holds the index's documents, e.g. from semhash solr-load with --shards 1)
 * SolrPluginBench --solr URL --collection NAME --synthetic N [--bits 64] [--queries-from codes|random] ...
 *     (creates the collection of 1 shard and loads N clustered random codes first, unless it exists)
 * </pre>
 */
public final class SolrPluginBench {
  private SolrPluginBench() {}

  public static void main(String[] args) throws Exception {
    String url = null;
    String collection = null;
    Path index = null;
    int synthetic = 0;
    int bits = 64;
    int queries = 500;
    int k = 10;
    int rounds = 5;
    boolean far = false;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--solr" -> url = args[i + 1];
        case "--collection" -> collection = args[i + 1];
        case "--index" -> index = Path.of(args[i + 1]);
        case "--synthetic" -> synthetic = Integer.parseInt(args[i + 1]);
        case "--bits" -> bits = Integer.parseInt(args[i + 1]);
        case "--queries" -> queries = Integer.parseInt(args[i + 1]);
        case "--k" -> k = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--queries-from" -> far = switch (args[i + 1]) {
          case "codes" -> false;
          case "random" -> true;
          default -> throw new IllegalArgumentException("--queries-from is codes or random, not " + args[i + 1]);
        };
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    try (SolrNodes nodes = SolrNodes.connect(url, Duration.ofSeconds(120))) {
      HammingIndex local;
      if (index != null) {
        local = HammingIndex.load(index.resolve("hamming"));
      } else {
        local = HammingIndex.create(bits);
        CodeArray codes = ClusteredCodes.generate(synthetic, bits, random);
        local.addAll(codes);
        if (!SolrCollections.list(nodes).contains(collection)) {
          load(nodes, collection, codes);
        }
      }
      List<BitCode> qs = ClusteredCodes.queries(queries, local.bits(), far, local.size(), local::code, random);
      QueryTimes inProcess = QueryTimes.of(queries);
      QueryTimes solrQTime = QueryTimes.of(queries);
      QueryTimes solrWall = QueryTimes.of(queries);
      QueryTimes solrQuery = QueryTimes.of(queries);
      int mismatches = 0;
      // rounds interleave the two, so both see the same machine load; each query keeps its best
      for (int round = 0; round < rounds; round++) {
        for (int q = 0; q < queries; q++) {
          BitCode c = qs.get(q);
          long t0 = System.nanoTime();
          SearchResult r = local.knn(c, k, null);
          inProcess.record(q, (System.nanoTime() - t0) / 1e6);
          ModifiableSolrParams p = new ModifiableSolrParams();
          p.set("q", "{!hamming f=code k=" + k + "}" + c.toHex());
          p.set("fl", "score");
          // debug=timing: the query component's own time, in fractional ms, without parsing and writing
          p.set("debug", "timing");
          long t1 = System.nanoTime();
          NamedList<Object> response = nodes.request(new QueryRequest(p), collection);
          solrWall.record(q, (System.nanoTime() - t1) / 1e6);
          Number qtime = (Number) response.findRecursive("responseHeader", "QTime");
          solrQTime.record(q, qtime.doubleValue());
          Number queryTime = (Number) response.findRecursive("debug", "timing", "process", "query", "time");
          solrQuery.record(q, queryTime.doubleValue());
          SolrDocumentList docs = (SolrDocumentList) response.get("response");
          int[] distances = new int[docs.size()];
          for (int i = 0; i < docs.size(); i++) {
            SolrDocument d = docs.get(i);
            distances[i] = c.bits() - Math.round((Float) d.getFieldValue("score"));
          }
          if (round == 0 && !Arrays.equals(distances, r.distances())) {
            mismatches++;
          }
        }
      }
      System.out.printf(Locale.ROOT,
          "codes %d x %d bits, %d queries (%s), k=%d, best of %d rounds each; answers differing: %d%n",
          local.liveCount(), local.bits(), queries, far ? "random codes" : "stored codes with 0-3 flips", k, rounds,
          mismatches);
      System.out.printf(Locale.ROOT, "| in-process knn | p50 %.3f ms | p99 %.3f ms | mean %.3f ms |%n",
          inProcess.percentile(50), inProcess.percentile(99), inProcess.mean());
      System.out.printf(Locale.ROOT, "| Solr query component (debug=timing, 1 shard) | p50 %.3f ms | p99 %.3f ms | mean %.3f ms |%n",
          solrQuery.percentile(50), solrQuery.percentile(99), solrQuery.mean());
      System.out.printf(Locale.ROOT, "| Solr QTime (plugin, 1 shard) | p50 %.3f ms | p99 %.3f ms | mean %.3f ms |%n",
          solrQTime.percentile(50), solrQTime.percentile(99), solrQTime.mean());
      System.out.printf(Locale.ROOT, "| Solr round trip (HttpJdkSolrClient) | p50 %.3f ms | p99 %.3f ms | mean %.3f ms |%n",
          solrWall.percentile(50), solrWall.percentile(99), solrWall.mean());
    }
  }

  private static void load(SolrNodes nodes, String collection, CodeArray codes) {
    SolrCollections.create(nodes, collection, 1, 1, codes.bits());
    SolrCloudBackend backend = SolrCloudBackend.open(nodes, collection, new TermAnalyzer(false));
    Progress progress = Progress.start("load", "docs", codes.size(), System.err);
    int batch = 5000;
    for (int from = 0; from < codes.size(); from += batch) {
      List<Document> docs = new ArrayList<>();
      List<BitCode> cs = new ArrayList<>();
      for (int i = from; i < Math.min(codes.size(), from + batch); i++) {
        docs.add(new Document(String.format(Locale.ROOT, "s%09d", i), "", "", List.of(), Split.TRAIN));
        cs.add(codes.get(i));
      }
      backend.send(docs, cs);
      progress.advance(docs.size());
    }
    backend.commit();
    progress.finish();
  }
}
