package io.semhash.solrcloud;

import io.semhash.backend.BackendRejectedException;
import io.semhash.backend.BackendUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;

/**
 * The nodes of one SolrCloud cluster, as a {@link SolrClient} that fails over between them: each
 * request goes to the next live node in turn (any node answers for the whole collection, fanning
 * out to the shards itself), and a node that cannot be reached is skipped for {@value
 * #DOWN_MILLIS} ms while the request moves on to the next. The nodes are the URLs given plus the
 * cluster's live nodes, asked for at connection and again when a node fails.
 *
 * <p>Each node is spoken to through SolrJ's {@link HttpJdkSolrClient}, Java's own HTTP client:
 * SolrJ's cloud client runs on Jetty 10, which cannot share a class path with Javalin's Jetty 11,
 * and needs ZooKeeper. Requests are idempotent here (adds by id, deletes by id, commits), so
 * sending one again to another node after a failure does no harm.
 *
 * <p>Errors become the backend's exceptions: a node's 4xx is a {@link BackendRejectedException}
 * with Solr's message; no node reachable, a timeout, or a 5xx from every node tried is a {@link
 * BackendUnavailableException} naming the nodes and the last reason.
 */
public final class SolrNodes extends SolrClient {
  static final long DOWN_MILLIS = 5_000;

  private final String scheme;
  private final Duration timeout;
  private final Set<String> seeds;
  private final Map<String, HttpJdkSolrClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Long> downUntil = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private volatile List<String> nodes;

  private SolrNodes(List<String> seeds, Duration timeout) {
    this.seeds = new LinkedHashSet<>(seeds);
    this.nodes = List.copyOf(this.seeds);
    this.scheme = URI.create(seeds.get(0)).getScheme();
    this.timeout = timeout;
  }

  /**
   * Connects to the cluster one of {@code urls} belongs to ({@code http://host:8983/solr}, comma-
   * separated lists allowed) and learns its live nodes.
   *
   * @throws IllegalArgumentException when a URL is not an http(s) URL
   * @throws BackendUnavailableException when no node answers
   */
  public static SolrNodes connect(String urls, Duration timeout) {
    List<String> seeds = new ArrayList<>();
    for (String u : urls.split(",")) {
      String url = u.strip();
      if (url.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Solr URL '" + url + "' is not a URL: " + e.getMessage(), e);
      }
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("Solr URL '" + url + "' must be http://HOST:PORT/solr (or https)");
      }
      seeds.add(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("no Solr URL given: http://HOST:PORT/solr");
    }
    SolrNodes nodes = new SolrNodes(seeds, timeout);
    try {
      nodes.refresh();
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
    return nodes;
  }

  /** The nodes requests go to now. */
  public List<String> nodes() {
    return nodes;
  }

  /** Asks the cluster for its live nodes; the URLs given at connection stay among them. */
  private void refresh() {
    NamedList<Object> status = request(CollectionAdminRequest.getClusterStatus(), null, false);
    Object live = status.findRecursive("cluster", "live_nodes");
    Set<String> found = new LinkedHashSet<>(seeds);
    if (live instanceof List<?> names) {
      for (Object name : names) {
        found.add(urlOf(scheme, name.toString()));
      }
    }
    nodes = List.copyOf(found);
  }

  /** A node name ({@code host:port_solr}, the context path's slashes as {@code %2F}) as a base URL. */
  static String urlOf(String scheme, String nodeName) {
    int colon = nodeName.lastIndexOf(':');
    int underscore = nodeName.indexOf('_', colon < 0 ? 0 : colon);
    if (underscore < 0) {
      return scheme + "://" + nodeName;
    }
    String context = URLDecoder.decode(nodeName.substring(underscore + 1), StandardCharsets.UTF_8);
    return scheme + "://" + nodeName.substring(0, underscore) + (context.isEmpty() ? "" : "/" + context);
  }

  @Override
  public NamedList<Object> request(SolrRequest<?> request, String collection) {
    return request(request, collection, true);
  }

  private NamedList<Object> request(SolrRequest<?> request, String collection, boolean mayRefresh) {
    List<String> all = nodes;
    int start = Math.floorMod(next.getAndIncrement(), all.size());
    Exception last = null;
    boolean anyFailed = false;
    // live nodes first; then, if all of them failed, the ones marked down (they may be back)
    for (boolean tryDown : new boolean[] {false, true}) {
      for (int i = 0; i < all.size(); i++) {
        String node = all.get((start + i) % all.size());
        boolean down = downUntil.getOrDefault(node, 0L) > System.currentTimeMillis();
        if (down != tryDown) {
          continue;
        }
        try {
          NamedList<Object> response = client(node).request(request, collection);
          downUntil.remove(node);
          if (anyFailed && mayRefresh) {
            refreshQuietly();
          }
          return response;
        } catch (SolrException e) {
          if (e.code() >= 400 && e.code() < 500) {
            throw new BackendRejectedException(e.code(), "Solr: " + reason(e), e);
          }
          last = e; // a 5xx: the node is up but could not serve (e.g. a shard without a live replica); try another
        } catch (SolrServerException | IOException e) {
          downUntil.put(node, System.currentTimeMillis() + DOWN_MILLIS);
          anyFailed = true;
          last = e;
        }
      }
    }
    throw new BackendUnavailableException("SolrCloud is unavailable (nodes " + all + "): " + reason(last), last);
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // the request itself succeeded; the node list is refreshed on the next failure
    }
  }

  /** The most telling message of an exception chain: Solr's own, else what the connection did. */
  String reason(Throwable e) {
    if (e == null) {
      return "no node to ask";
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.net.ConnectException || c instanceof java.nio.channels.ClosedChannelException) {
        return "cannot connect (no Solr listening, or the node is down)";
      }
      if (c instanceof java.net.http.HttpTimeoutException || c instanceof java.net.SocketTimeoutException) {
        return "no answer within " + timeout.toSeconds() + " s";
      }
      if (c instanceof SolrException) {
        String message = c.getMessage() == null ? "" : c.getMessage();
        // remote errors read "Error from server at URL: message"; the nodes are named in ours already
        int at = message.indexOf(": ");
        return (message.startsWith("Error from server at ") && at > 0 ? message.substring(at + 2) : message).strip();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage().strip();
  }

  private HttpJdkSolrClient client(String node) {
    return clients.computeIfAbsent(node, url -> new HttpJdkSolrClient.Builder(url)
        .withConnectionTimeout(Math.min(timeout.toMillis(), 5_000), TimeUnit.MILLISECONDS)
        .withRequestTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .useHttp1_1(true) // the JDK client's cleartext HTTP/2 upgrade loses request bodies on Solr's Jetty now and then
        .build());
  }

  @Override
  public void close() {
    for (HttpJdkSolrClient c : clients.values()) {
      try {
        c.close();
      } catch (IOException e) {
        // closing a client only releases its executor; nothing to do when that fails
      }
    }
    clients.clear();
  }
}
