package io.semhash.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.corpus.Corpus;
import io.semhash.corpus.CorpusOptions;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.search.SemanticSearchService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What the job tests share, built once per JVM: a local[2] Spark context that retries a failed
 * task once (local[2,2]), a slice of the embedded 20 Newsgroups corpus as JSON Lines, a small
 * model trained on it by the core's own {@code semhash train} and the reference index built by
 * {@code semhash index}, both in a child JVM from the core jar (the module's class path holds no
 * DL4J, so it cannot train).
 */
final class Fixture {
  static final List<String> LABELS = List.of("comp.graphics", "rec.sport.hockey", "sci.space", "talk.religion.misc");
  private static Fixture instance;

  final Path dir;
  final JavaSparkContext sc;
  final List<Document> docs;
  final Path jsonl;
  final Path model;
  final Path single;

  private Fixture() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("semhash-spark-test-");
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("semhash-spark-test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.local.dir", dir.resolve("spark-local").toString()));
    docs = slice();
    jsonl = writeJsonl(dir.resolve("slice.jsonl"), docs);
    Path config = dir.resolve("test.yaml");
    Files.writeString(config, """
        text:
          vocabulary-size: 2000
          min-df: 2
        model:
          bits: 32
          hidden: 64
          epochs: 2
          patience: 2
          batch-size: 32
          neighbours: 5
          threads: 1
        """);
    model = dir.resolve("model");
    core("train", "--config", config.toString(), "--corpus", jsonl.toString(), "--out", model.toString());
    single = dir.resolve("single");
    core("index", "--model", model.toString(), "--corpus", jsonl.toString(), "--out", single.toString());
    Runtime.getRuntime().addShutdownHook(new Thread(sc::stop));
  }

  private SemanticSearchService reference;

  /** The reference index {@link #single}, opened once. */
  synchronized SemanticSearchService reference() {
    if (reference == null) {
      try {
        reference = SemanticSearchService.open(single);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return reference;
  }

  static synchronized Fixture get() {
    if (instance == null) {
      try {
        instance = new Fixture();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** Up to 60 train and 15 test documents of each of four labels, in the corpus's order. */
  private static List<Document> slice() {
    Map<String, Integer> taken = new LinkedHashMap<>();
    List<Document> out = new ArrayList<>();
    for (Document d : Corpus.load(repo().resolve("data").resolve("20news-bydate.tar.gz"), CorpusOptions.DEFAULTS).documents()) {
      String key = d.labels().get(0) + "/" + d.split();
      int limit = d.split() == Split.TRAIN ? 60 : 15;
      if (LABELS.contains(d.labels().get(0)) && taken.getOrDefault(key, 0) < limit) {
        taken.merge(key, 1, Integer::sum);
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  static Path repo() {
    return Path.of(System.getProperty("semhash.repo", "../..")).toAbsolutePath().normalize();
  }

  static Path writeJsonl(Path file, List<Document> docs) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (Document d : docs) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", d.id());
      o.put("title", d.title());
      o.put("text", d.text());
      o.put("labels", d.labels());
      o.put("split", d.split().label());
      lines.add(json.writeValueAsString(o));
    }
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Runs the core's command line in a child JVM from its jar; fails the test on a non-zero exit. */
  static String core(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", repo().resolve("target").resolve("semhash.jar").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("semhash " + String.join(" ", args) + "\n" + output).isZero();
    return output;
  }

  /** One run of the job: exit code and what it printed. */
  record Run(int code, String out, String err) {}

  Run job(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BuildIndexJob.run(sc, args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
