package io.semhash.spark;

import io.semhash.backend.BackendRejectedException;
import io.semhash.backend.BackendUnavailableException;
import io.semhash.corpus.CorpusException;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.CorpusReport;
import io.semhash.json.ApiJson;
import io.semhash.model.HashingModel;
import io.semhash.pipeline.ShardedIndexWriter;
import io.semhash.shards.ShardedLayout;
import io.semhash.shards.ShardedManifest;
import io.semhash.files.AtomicDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * Encodes and indexes a corpus of any size on Spark into a sharded index directory (see {@code
 * io.semhash.shards}) or a SolrCloud collection: {@code spark-submit --class
 * io.semhash.spark.BuildIndexJob semhash-spark.jar --model MODEL_DIR --corpus PATH} with {@code
 * --out DIR --shards N} or {@code --solr URL[,URL] --collection NAME}.
 *
 * <p>Stages: the corpus is cut into pieces ({@link CorpusPlan}; plain JSON Lines into byte ranges,
 * whose lines are counted first so every record knows its line); each piece is read by the core's
 * readers ({@link PieceReader}); records are shuffled to their compositeId shard and sorted into
 * reading order ({@link IdPartitioner}).
 *
 * <p>Into a directory, each partition encodes and writes its shard and commits it once ({@link
 * ShardTask}); the driver writes the top-level model and manifest into the staging folder and
 * renames it to {@code --out}. Any failure deletes the staging folder: {@code --out} appears whole
 * or not at all.
 *
 * <p>Into SolrCloud ({@link SolrTarget}), over HTTP only: the partitions are cut by the collection's
 * own shard ranges (those of a new collection of {@code --shards} shards when it is missing), read
 * and checked once sending nothing, then partition i encodes and sends shard i's documents in
 * batches ({@link SolrShardTask}) and the driver commits once. A failed job commits nothing and
 * deletes a collection it created.
 *
 * <p>Accumulators count documents read, skipped, encoded and sent (Spark's UI shows them live).
 */
@Command(name = "BuildIndexJob", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Encode and index a corpus on Spark into a sharded semhash index directory or a SolrCloud collection.")
public final class BuildIndexJob implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory (any Hadoop path)")
  String model;

  @Option(names = "--corpus", required = true, paramLabel = "PATH",
      description = "corpus: a JSON Lines file (split across tasks), .jsonl.gz, .tar.gz or a folder tree (any Hadoop path)")
  String corpus;

  @Option(names = "--out", paramLabel = "DIR", description = "sharded index directory to create (must not exist); or --solr")
  String out;

  @Option(names = "--solr", paramLabel = "URL[,URL]", description = "SolrCloud node URL(s), http://HOST:PORT/solr: write into --collection instead of --out")
  String solr;

  @Option(names = "--collection", paramLabel = "NAME", description = "with --solr: the collection to write into, created from semhash's configset when missing")
  String collection;

  @Option(names = "--shards", paramLabel = "N", description = "shards of the directory or of a new collection, 1..10000 (default: ${DEFAULT-VALUE})")
  int shards = 2;

  @Option(names = "--replicas", paramLabel = "R", description = "with --solr: replicas of each shard of a new collection, 1..64 (default: ${DEFAULT-VALUE})")
  int replicas = 1;

  @Option(names = "--batch-size", paramLabel = "N", description = "with --solr: documents per update request, 1..100000 (default: ${DEFAULT-VALUE})")
  int batchSize = 500;

  @Option(names = "--retries", paramLabel = "N", description = "with --solr: times a request is sent again while SolrCloud is unavailable, waiting 1, 2, 4... s, 0..20 (default: ${DEFAULT-VALUE})")
  int retries = 3;

  @Option(names = "--solr-timeout", paramLabel = "SECONDS", description = "with --solr: longest wait for one Solr request, 1..3600 (default: ${DEFAULT-VALUE})")
  int solrTimeout = 60;

  @Option(names = "--skip-bad", description = "skip and count malformed records instead of stopping at the first")
  boolean skipBad;

  @Option(names = "--last-wins", description = "keep the last document of each repeated id (reading order) instead of stopping")
  boolean lastWins;

  @Option(names = "--test-fraction", paramLabel = "F", description = "share of documents without a split put in test, [0, 1) (default: ${DEFAULT-VALUE})")
  double testFraction = CorpusOptions.DEFAULTS.testFraction();

  @Option(names = "--range-mb", paramLabel = "MB", description = "megabytes of a JSON Lines file per read task, >= 1 (default: ${DEFAULT-VALUE})")
  long rangeMb = 64;

  @Option(names = "--json", description = "print the summary as JSON")
  boolean json;

  @Option(names = "--range-bytes", hidden = true, description = "bytes per read task (tests cut small files into many)")
  long rangeBytes;

  @Option(names = "--fail-once", hidden = true, description = "fault injection: shard whose first attempt fails before its commit (with --solr: after its first batch)")
  int failOnce = -1;

  @Option(names = "--fail-sends", hidden = true, description = "fault injection (--solr): shard each of whose sends finds SolrCloud unavailable")
  int failSends = -1;

  private final JavaSparkContext sc;
  private final PrintStream stdout;

  private BuildIndexJob(JavaSparkContext sc, PrintStream stdout) {
    this.sc = sc;
    this.stdout = stdout;
  }

  public static void main(String[] args) {
    SparkConf conf = new SparkConf().setAppName("semhash BuildIndexJob");
    int code;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      code = run(sc, args, System.out, System.err);
    }
    System.exit(code);
  }

  /**
   * Runs the job on {@code sc}; returns the exit code. An error is one line on {@code stderr},
   * {@code BuildIndexJob: error: REASON}, naming the file, line, id or flag.
   */
  public static int run(JavaSparkContext sc, String[] args, PrintStream stdout, PrintStream stderr) {
    CommandLine cmd = new CommandLine(new BuildIndexJob(sc, stdout));
    cmd.setErr(new java.io.PrintWriter(stderr, true));
    cmd.setOut(new java.io.PrintWriter(stdout, true));
    cmd.setParameterExceptionHandler((e, a) -> {
      stderr.println("BuildIndexJob: error: " + e.getMessage());
      return 2;
    });
    cmd.setExecutionExceptionHandler((e, c, p) -> {
      stderr.println("BuildIndexJob: error: " + reason(e));
      return 1;
    });
    return cmd.execute(args);
  }

  /** The message to show for a failure: the one of the cause the user can act on, one line. */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JobFailure || t instanceof CorpusException || t instanceof IOException
          || t instanceof UncheckedIOException || t instanceof IllegalArgumentException
          || t instanceof BackendUnavailableException || t instanceof BackendRejectedException) {
        return firstLine(t.getMessage());
      }
    }
    return firstLine(e.toString());
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Map<String, Double> stages = new LinkedHashMap<>();
    if ((out == null) == (solr == null)) {
      throw new JobFailure("give --out DIR (a sharded index directory) or --solr URL --collection NAME (a SolrCloud"
          + " collection), one of the two");
    }
    if (solr != null && (collection == null || collection.isBlank())) {
      throw new JobFailure("--solr needs --collection NAME");
    }
    if (solr == null && collection != null) {
      throw new JobFailure("--collection goes with --solr, not --out");
    }
    checkRange("--shards", shards, 1, 10_000);
    checkRange("--replicas", replicas, 1, 64);
    checkRange("--batch-size", batchSize, 1, 100_000);
    checkRange("--retries", retries, 0, 20);
    checkRange("--solr-timeout", solrTimeout, 1, 3600);
    if (rangeMb < 1) {
      throw new JobFailure("--range-mb must be >= 1, got " + rangeMb);
    }
    CorpusOptions options;
    try {
      options = new CorpusOptions(testFraction, skipBad);
    } catch (IllegalArgumentException e) {
      throw new JobFailure("--" + e.getMessage());
    }
    Configuration conf = sc.hadoopConfiguration();
    FileSystem fs = null;
    Path outPath = null;
    if (out != null) {
      outPath = new Path(out);
      fs = outPath.getFileSystem(conf);
      if (fs.exists(outPath)) {
        throw new JobFailure(out + ": already exists; remove it or choose another --out");
      }
    }
    ModelFiles modelFiles = ModelFiles.read(conf, model);
    HashingModel encoder = modelFiles.load();
    if (solr != null) {
      // the cluster and the collection are checked before the corpus is read
      try (SolrTarget target = SolrTarget.plan(solr, Duration.ofSeconds(solrTimeout), collection, encoder, shards)) {
        return toCollection(conf, options, modelFiles, encoder, target, stages, t0);
      }
    }
    return toDirectory(conf, options, fs, outPath, modelFiles, encoder, stages, t0);
  }

  private static void checkRange(String flag, long value, long min, long max) {
    if (value < min || value > max) {
      throw new JobFailure(flag + " must be in [" + min + ", " + max + "], got " + value);
    }
  }

  /** The corpus cut into pieces, read, counted and keyed for the shuffle into shards. */
  private record Reading(JavaPairRDD<ShardKey, CorpusRecord> keyed, LongAccumulator read, LongAccumulator skipped,
      CollectionAccumulator<Map<String, Long>> reasons, HadoopConf shipped) {
    Map<String, Long> skipReasons() {
      Map<String, Long> sum = new TreeMap<>();
      reasons.value().forEach(m -> m.forEach((k, v) -> sum.merge(k, v, Long::sum)));
      return sum;
    }
  }

  private Reading read(Configuration conf, CorpusOptions options) throws IOException {
    List<CorpusPiece> pieces = CorpusPlan.of(conf, corpus, rangeBytes > 0 ? rangeBytes : rangeMb << 20);
    HadoopConf shipped = new HadoopConf(conf);
    if (pieces.stream().anyMatch(p -> p.kind() == CorpusPiece.Kind.JSONL_RANGE)) {
      sc.setJobGroup("semhash-lines", "count the lines of each JSON Lines range", false);
      List<Long> counts = sc.parallelize(pieces, pieces.size())
          .map(p -> p.kind() == CorpusPiece.Kind.JSONL_RANGE ? CorpusPlan.newlines(shipped.get(), p) : 0L)
          .collect();
      pieces = CorpusPlan.numbered(pieces, counts);
    }
    LongAccumulator read = sc.sc().longAccumulator("documents read");
    LongAccumulator skipped = sc.sc().longAccumulator("records skipped");
    CollectionAccumulator<Map<String, Long>> reasons = sc.sc().collectionAccumulator("skip reasons");
    // CorpusOptions is not Serializable: its two values travel, the tasks rebuild it
    double fraction = options.testFraction();
    boolean skip = options.skipBad();
    JavaRDD<CorpusRecord> records = sc.parallelize(pieces, pieces.size()).flatMap(piece -> {
      List<CorpusRecord> got = new ArrayList<>();
      CorpusReport.Summary s = PieceReader.read(shipped.get(), piece, new CorpusOptions(fraction, skip), got::add);
      read.add(s.read());
      skipped.add(s.skippedTotal());
      if (s.skippedTotal() > 0) {
        reasons.add(new TreeMap<>(s.skipped()));
      }
      return got.iterator();
    });
    JavaPairRDD<ShardKey, CorpusRecord> keyed = lastWins
        ? records.mapToPair(r -> new Tuple2<>(r.id(), r))
            .reduceByKey((a, b) -> a.key() >= b.key() ? a : b)
            .mapToPair(t -> new Tuple2<>(new ShardKey(t._2().key(), t._1()), t._2()))
        : records.mapToPair(r -> new Tuple2<>(new ShardKey(r.key(), r.id()), r));
    return new Reading(keyed, read, skipped, reasons, shipped);
  }

  private JobFailure noDocuments(Reading reading) {
    long skipped = reading.skipped().value();
    return new JobFailure(corpus + ": no documents" + (skipped > 0 ? " (all " + skipped + " records were skipped)" : ""));
  }

  private int toDirectory(Configuration conf, CorpusOptions options, FileSystem fs, Path outPath, ModelFiles modelFiles,
      HashingModel encoder, Map<String, Double> stages, long t0) throws Exception {
    Reading reading = read(conf, options);
    t0 = lap(stages, "plan", t0);
    Path staging = new Path(outPath.getParent(), "." + outPath.getName() + ".tmp-" + sc.sc().applicationId());
    fs.delete(staging, true);
    try {
      LongAccumulator encoded = sc.sc().longAccumulator("documents encoded");
      Broadcast<ModelFiles> broadcast = sc.broadcast(modelFiles);
      sc.setJobGroup("semhash-shards", "read, encode and write " + shards + " shards", false);
      List<ShardTask.Result> results = reading.keyed()
          .repartitionAndSortWithinPartitions(IdPartitioner.ofShards(shards), new ShardKey.ByOrder())
          .mapPartitionsWithIndex(new ShardTask(broadcast, reading.shipped(), staging.toString(), lastWins, failOnce, encoded), true)
          .collect();
      t0 = lap(stages, "encode and write", t0);

      // every shard committed once; what is left under the attempts folder are attempts that did not commit
      fs.delete(new Path(staging, ShardTask.ATTEMPTS), true);
      List<ShardTask.Result> byShard = results.stream().sorted(Comparator.comparingInt(ShardTask.Result::shard)).toList();
      List<ShardedManifest.Shard> listed = new ArrayList<>();
      for (int i = 0; i < shards; i++) {
        ShardTask.Result r = byShard.get(i);
        Path dir = new Path(staging, ShardedLayout.shardName(i));
        if (r.shard() != i || !fs.exists(dir)) {
          throw new JobFailure(dir + ": shard " + i + " was not committed");
        }
        listed.add(new ShardedManifest.Shard(ShardedLayout.shardName(i), r.documents()));
      }
      long documents = listed.stream().mapToLong(ShardedManifest.Shard::documents).sum();
      if (documents == 0) {
        throw noDocuments(reading);
      }
      writeTopLevel(fs, encoder, staging, listed);
      if (!fs.rename(staging, outPath)) {
        throw new JobFailure("could not rename " + staging + " to " + out);
      }
      lap(stages, "commit", t0);
      double seconds = stages.values().stream().mapToDouble(Double::doubleValue).sum();
      long read = reading.read().value();
      print(new JobSummary(out, null, encoder.bits(), read, reading.skipReasons(), read - documents, encoded.value(),
          listed.stream().map(ShardedManifest.Shard::documents).toList(), null, stages, documents / seconds));
      return 0;
    } catch (Exception e) {
      discard(sc, fs, staging);
      throw e;
    }
  }

  /**
   * Feeds a SolrCloud collection. Two passes over the shuffled partitions: the first checks the
   * corpus (malformed records, repeated ids) and counts, sending nothing; only then is a missing
   * collection created and the second pass encodes and sends (the shuffle's files are read again,
   * the corpus is not). The driver commits once, after every shard is fed.
   */
  private int toCollection(Configuration conf, CorpusOptions options, ModelFiles modelFiles, HashingModel encoder,
      SolrTarget target, Map<String, Double> stages, long t0) throws Exception {
    Reading reading = read(conf, options);
    t0 = lap(stages, "plan", t0);
    JavaPairRDD<ShardKey, CorpusRecord> partitioned = reading.keyed()
        .repartitionAndSortWithinPartitions(IdPartitioner.ofCollection(target.ranges()), new ShardKey.ByOrder());
    boolean checkIds = !lastWins;
    sc.setJobGroup("semhash-check", "read and check the corpus, in " + target.shards().size() + " shards", false);
    List<Long> counts = partitioned.mapPartitions(records -> {
      FirstSeen seen = checkIds ? new FirstSeen() : null;
      long n = 0;
      while (records.hasNext()) {
        CorpusRecord r = records.next()._2();
        if (seen != null) {
          seen.check(r);
        }
        n++;
      }
      return List.of(n).iterator();
    }, true).collect();
    long documents = counts.stream().mapToLong(Long::longValue).sum();
    if (documents == 0) {
      throw noDocuments(reading);
    }
    t0 = lap(stages, "read and check", t0);
    try {
      target.createIfMissing(replicas);
      LongAccumulator encoded = sc.sc().longAccumulator("documents encoded");
      LongAccumulator sent = sc.sc().longAccumulator("documents sent");
      Broadcast<ModelFiles> broadcast = sc.broadcast(modelFiles);
      SolrShardTask.Target where = new SolrShardTask.Target(solr, collection,
          target.shards().stream().map(io.semhash.solrcloud.SolrShard::name).toList(), Duration.ofSeconds(solrTimeout),
          batchSize, retries);
      sc.setJobGroup("semhash-solr", "encode and send " + documents + " documents to collection " + collection, false);
      List<ShardTask.Result> results = partitioned
          .mapPartitionsWithIndex(new SolrShardTask(broadcast, where, encoded, sent, failOnce, failSends), true)
          .collect();
      t0 = lap(stages, "encode and send", t0);
      List<Long> perShard = results.stream().sorted(Comparator.comparingInt(ShardTask.Result::shard))
          .map(ShardTask.Result::documents).toList();
      if (!perShard.equals(counts)) {
        throw new JobFailure("collection '" + collection + "': the shards were sent " + perShard + " documents, not the "
            + counts + " read");
      }
      long stored = target.commit(retries);
      if (!target.existing() && stored != documents) {
        throw new JobFailure("collection '" + collection + "' holds " + stored + " documents after the commit, not the "
            + documents + " sent");
      }
      lap(stages, "commit", t0);
      double seconds = stages.values().stream().mapToDouble(Double::doubleValue).sum();
      long read = reading.read().value();
      print(new JobSummary(null, collection, encoder.bits(), read, reading.skipReasons(), read - documents,
          encoded.value(), perShard, stored, stages, documents / seconds));
      return 0;
    } catch (Exception e) {
      sc.cancelAllJobs();
      String note = target.discard();
      if (note.isEmpty()) {
        throw e;
      }
      throw new JobFailure(reason(e) + note, e);
    }
  }

  /**
   * Deletes the staging folder of a failed job. A job fails as soon as one task fails, while the
   * other tasks of its stage may still be writing their shards there; so the running jobs are
   * cancelled and the folder deleted again until no task runs any more.
   */
  private static void discard(JavaSparkContext sc, FileSystem fs, Path staging) throws IOException {
    sc.cancelAllJobs();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      fs.delete(staging, true);
      boolean idle = java.util.Arrays.stream(sc.sc().statusTracker().getExecutorInfos())
          .allMatch(info -> info.numRunningTasks() == 0);
      if (idle || System.nanoTime() > deadline) {
        fs.delete(staging, true);
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        fs.delete(staging, true);
        return;
      }
    }
  }

  /** The top-level model and manifest, written locally by the core and copied into the staging folder. */
  private static void writeTopLevel(FileSystem fs, HashingModel model, Path staging, List<ShardedManifest.Shard> shards)
      throws IOException {
    java.nio.file.Path local = Files.createTempDirectory("semhash-top-");
    try {
      ShardedIndexWriter.writeTopLevel(model, local, shards);
      fs.copyFromLocalFile(false, true, new Path(local.resolve(ShardedLayout.MODEL).toUri()),
          new Path(staging, ShardedLayout.MODEL));
      fs.copyFromLocalFile(false, true, new Path(local.resolve(ShardedLayout.MANIFEST).toUri()),
          new Path(staging, ShardedLayout.MANIFEST));
    } finally {
      AtomicDirectory.deleteTree(local);
    }
  }

  private void print(JobSummary s) {
    if (json) {
      stdout.println(ApiJson.pretty(s));
    } else {
      if (s.collection() == null) {
        stdout.printf(Locale.ROOT, "index %s: %,d documents in %d shards, %d bits%n", s.index(), s.encoded(),
            s.shardDocuments().size(), s.bits());
      } else {
        stdout.printf(Locale.ROOT, "collection %s: %,d documents sent to %d shards, %d bits; it holds %,d after the"
            + " commit%n", s.collection(), s.shardDocuments().stream().mapToLong(Long::longValue).sum(),
            s.shardDocuments().size(), s.bits(), s.stored());
      }
      stdout.printf(Locale.ROOT, "  read %,d, skipped %,d%s, replaced %,d, encoded %,d (%,.0f documents/s)%n", s.read(),
          s.skipped().values().stream().mapToLong(Long::longValue).sum(), s.skipped().isEmpty() ? "" : " " + s.skipped(),
          s.replaced(), s.encoded(), s.documentsPerSecond());
      s.stageSeconds().forEach((stage, secs) -> stdout.printf(Locale.ROOT, "  %-16s %7.1f s%n", stage, secs));
    }
    stdout.flush();
  }

  private static long lap(Map<String, Double> stages, String name, long t0) {
    long now = System.nanoTime();
    stages.put(name, (now - t0) / 1e9);
    return now;
  }
}
