package io.semhash.solrcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.backend.BackendUnavailableException;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.util.Jetty;
import org.junit.jupiter.api.Test;

/**
 * The SolrCloud backend's client side lives on the core's class path next to Javalin's Jetty 11:
 * nothing of Solr's Jetty 10 may come along with SolrJ.
 */
class CoreClassPathTest {
  @Test
  void onlyJetty11IsOnTheClassPath() {
    assertThat(Jetty.VERSION).startsWith("11.");
    List<String> jettyJars = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
        .filter(e -> e.contains("jetty")).toList();
    assertThat(jettyJars).anySatisfy(jar -> assertThat(jar).contains("/jetty-server/11.0."))
        .noneSatisfy(jar -> assertThat(jar).containsPattern("/10\\.\\d+\\.\\d+/"));
    // SolrJ's Jetty-based client classes are in its jar, but what they need is not
    assertThatThrownBy(() -> Class.forName("org.eclipse.jetty.http2.client.HTTP2Client"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.eclipse.jetty.client.HttpClient"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void nodeNamesBecomeBaseUrls() {
    assertThat(SolrNodes.urlOf("http", "127.0.0.1:8983_solr")).isEqualTo("http://127.0.0.1:8983/solr");
    assertThat(SolrNodes.urlOf("https", "solr-2.example.org:443_search%2Fsolr")).isEqualTo("https://solr-2.example.org:443/search/solr");
    assertThat(SolrNodes.urlOf("http", "host:8080_")).isEqualTo("http://host:8080");
  }

  @Test
  void badOrUnreachableUrlsAreNamed() {
    assertThatThrownBy(() -> SolrNodes.connect("http://127.0.0.1:1/solr", Duration.ofSeconds(2)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("SolrCloud is unavailable (nodes [http://127.0.0.1:1/solr]): cannot connect (no Solr listening, or the node is down)");
    assertThatThrownBy(() -> SolrNodes.connect("ftp://x/solr", Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be http://HOST:PORT/solr");
    assertThatThrownBy(() -> SolrNodes.connect(" , ", Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Solr URL given");
  }

  @Test
  void keywordQueriesLoseTheCharactersDismaxReadsAsSyntax() {
    assertThat(SolrCloudBackend.keywordQuery("  \"space shuttle\" +orbit -moon  orbit e-mail ")).isEqualTo("space shuttle orbit moon e mail");
    assertThat(SolrCloudBackend.keywordQuery("AND OR NOT title:x (a)")).isEqualTo("AND OR NOT title:x (a)");
    assertThat(SolrCloudBackend.keywordQuery("\"+-")).isEmpty();
  }
}
