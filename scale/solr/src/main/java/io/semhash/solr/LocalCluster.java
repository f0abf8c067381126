package io.semhash.solr;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud on this machine in one process, for trying scale-out and for tests: {@code N} real
 * Solr nodes ({@link JettySolrRunner}) and an embedded ZooKeeper, from this module's own jars, so
 * the semhash plugin is installed on every node and no Solr distribution is needed. The semhash
 * configset is uploaded as {@value #CONFIGSET}.
 *
 * <pre>
 * java -cp ... io.semhash.solr.LocalCluster [--nodes 2] [--port 8983] [--dir work/solr-cluster] [--configset DIR]
 * </pre>
 *
 * <p>Prints {@code node I URL} for each node, then {@code ready}. Standard input takes commands,
 * one a line, each answered with {@code ok ...} or {@code error ...}: {@code stop I} stops node
 * I, {@code start I} starts it again (on a new free port: the stopped node's port stays held), {@code quit} (or the end of input, or
 * SIGTERM) shuts the cluster down. With {@code --port P} node I listens on {@code P + I}, else on
 * free ports.
 */
public final class LocalCluster {
  static final String CONFIGSET = "semhash";

  private LocalCluster() {}

  public static void main(String[] args) throws Exception {
    int nodes = 2;
    int port = 0;
    Path dir = null;
    Path configset = Path.of("configset", "conf");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--nodes" -> nodes = intArg("--nodes", value, 1, 16);
        case "--port" -> port = intArg("--port", value, 1, 65000);
        case "--dir" -> dir = Path.of(value);
        case "--configset" -> configset = Path.of(value);
        default -> fail("unknown argument '" + args[i] + "'; usage: LocalCluster [--nodes N] [--port P] [--dir DIR] [--configset DIR]");
      }
      i++;
    }
    if (!Files.exists(configset.resolve("solrconfig.xml"))) {
      fail(configset.toAbsolutePath() + ": no solrconfig.xml (give --configset scale/solr/configset/conf)");
    }
    if (dir == null) {
      dir = Files.createTempDirectory("semhash-solr-cluster");
    }
    Files.createDirectories(dir);
    // a node keeps its files under dir; its logs go to the console of this process
    System.setProperty("solr.log.dir", dir.resolve("logs").toString());
    MiniSolrCloudCluster cluster;
    if (port == 0) {
      cluster = new MiniSolrCloudCluster(nodes, dir, JettyConfig.builder().setContext("/solr").build());
    } else {
      cluster = new MiniSolrCloudCluster(0, dir, JettyConfig.builder().build());
      for (int i = 0; i < nodes; i++) {
        cluster.startJettySolrRunner("node" + i, "/solr", JettyConfig.builder().setPort(port + i).setContext("/solr").build());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(cluster)));
    cluster.waitForAllNodes(60);
    cluster.uploadConfigSet(configset, CONFIGSET);
    // the cluster's own list drops a node when it stops; this one keeps the numbering
    List<JettySolrRunner> runners = new ArrayList<>(cluster.getJettySolrRunners());
    for (int i = 0; i < runners.size(); i++) {
      System.out.println("node " + i + " " + runners.get(i).getBaseUrl());
    }
    System.out.println("zookeeper " + cluster.getZkServer().getZkAddress());
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.strip().split("\\s+");
      try {
        switch (words[0].toLowerCase(Locale.ROOT)) {
          case "quit" -> {
            System.exit(0); // the shutdown hook stops the cluster
          }
          case "stop" -> {
            JettySolrRunner node = runners.get(Integer.parseInt(words[1]));
            cluster.stopJettySolrRunner(node);
            cluster.waitForJettyToStop(node);
            System.out.println("ok stopped " + words[1]);
          }
          case "start" -> {
            int i = Integer.parseInt(words[1]);
            JettySolrRunner node = cluster.startJettySolrRunner(runners.get(i));
            runners.set(i, node);
            cluster.waitForNode(node, 60);
            System.out.println("ok started " + words[1] + " " + node.getBaseUrl());
          }
          case "" -> { }
          default -> System.out.println("error unknown command '" + words[0] + "' (stop I, start I, quit)");
        }
      } catch (Exception e) { // a bad node number, a node that does not stop or start in time
        System.out.println("error " + line + ": " + e);
        e.printStackTrace();
      }
      System.out.flush();
    }
    System.exit(0);
  }

  private static void shutdown(MiniSolrCloudCluster cluster) {
    try {
      cluster.shutdown();
    } catch (Exception e) {
      System.err.println("LocalCluster: shutdown failed: " + e);
    }
  }

  private static int intArg(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail(name + " " + value + ": must be an integer in [" + min + ", " + max + "]");
    return 0;
  }

  private static void fail(String message) {
    System.err.println("LocalCluster: error: " + message);
    System.exit(2);
  }
}
