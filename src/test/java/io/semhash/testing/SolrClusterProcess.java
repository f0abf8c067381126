package io.semhash.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real SolrCloud for the tests of the modules that talk to one (the server in {@code
 * scale/serve-solr}, the Spark build in {@code scale/spark}): {@code io.semhash.solr.LocalCluster}
 * (N Solr nodes and ZooKeeper, the semhash plugin installed) in a child JVM on {@code scale/solr}'s
 * class path, which holds Solr's Jetty 10 and so cannot be this JVM's (Javalin's Jetty 11, Spark's
 * Jersey, ZooKeeper and log4j). Nodes are stopped and started through the child's standard input.
 * The module is found from the system property {@code semhash.solr.module}.
 */
public final class SolrClusterProcess implements AutoCloseable {
  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> urls = new ArrayList<>();

  private SolrClusterProcess(Process process) {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("error reading the cluster's output: " + e);
      }
      lines.add("exited");
    }, "cluster-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code nodes} nodes under {@code dir} and waits until they serve. */
  public static SolrClusterProcess start(int nodes, Path dir) throws IOException, InterruptedException {
    Path module = Path.of(System.getProperty("semhash.solr.module", "../solr")).toAbsolutePath().normalize();
    Path classes = module.resolve("target/classes");
    Path classpath = module.resolve("target/cluster.classpath");
    if (!Files.exists(classpath) || !Files.isDirectory(classes)) {
      throw new IllegalStateException(module + " is not built: run mvn -f scale/solr/pom.xml test-compile (the README's test command does)");
    }
    Path log = dir.resolve("cluster.log");
    Files.createDirectories(dir);
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-cp", classes + java.io.File.pathSeparator + Files.readString(classpath).strip(),
        "io.semhash.solr.LocalCluster", "--nodes", Integer.toString(nodes), "--dir", dir.resolve("nodes").toString(),
        "--configset", module.resolve("configset/conf").toString());
    pb.redirectError(log.toFile());
    SolrClusterProcess cluster = new SolrClusterProcess(pb.start());
    try {
      while (true) {
        String line = cluster.next(180, "the cluster to start (log: " + log + ")");
        if (line.startsWith("node ")) {
          cluster.urls.add(line.split(" ")[2]);
        } else if (line.equals("ready")) {
          return cluster;
        } else if (line.equals("exited") || line.startsWith("error")) {
          throw new IllegalStateException("the cluster did not start: " + line + " (log: " + log + ")");
        }
      }
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  /** The nodes' base URLs, {@code http://127.0.0.1:PORT/solr}. */
  public List<String> urls() {
    return urls;
  }

  public void stop(int node) throws InterruptedException {
    command("stop " + node);
  }

  public void start(int node) throws InterruptedException {
    command("start " + node);
  }

  private void command(String command) throws InterruptedException {
    commands.println(command);
    String line;
    do {
      line = next(120, command);
    } while (!line.startsWith("ok") && !line.startsWith("error") && !line.equals("exited"));
    if (!line.startsWith("ok")) {
      throw new IllegalStateException(command + ": " + line);
    }
  }

  private String next(int seconds, String what) throws InterruptedException {
    String line = lines.poll(seconds, TimeUnit.SECONDS);
    if (line == null) {
      throw new IllegalStateException("no answer within " + seconds + " s waiting for " + what);
    }
    return line;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      commands.println("quit");
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
