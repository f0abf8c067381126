package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.solrcloud.SolrNodes;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a SolrCloud collection is: the flags of {@code serve --solr} and {@code solr-load}, over {@code solr.*}. */
final class SolrArgs {
  @Option(names = "--solr", descriptionKey = "solr.url", paramLabel = "URL",
      description = "SolrCloud node URL(s), comma-separated, e.g. http://127.0.0.1:8983/solr; empty: serve --index (default: solr.url, \"${DEFAULT-VALUE}\")")
  String url;

  @Option(names = "--collection", descriptionKey = "solr.collection", paramLabel = "NAME",
      description = "SolrCloud collection (default: solr.collection, ${DEFAULT-VALUE})")
  String collection;

  @Option(names = "--solr-timeout", descriptionKey = "solr.timeout-seconds", paramLabel = "SECONDS",
      description = "longest wait for one Solr request, 1..3600 (default: solr.timeout-seconds, ${DEFAULT-VALUE})")
  int timeoutSeconds;

  boolean given() {
    return url != null && !url.isBlank();
  }

  /** The collection settings as the flags (else the configuration) give them; the record checks the ranges. */
  SemhashConfig.Solr settings(SemhashConfig.Solr configured, String model) {
    return new SemhashConfig.Solr(url, collection, model, timeoutSeconds, configured.batchSize());
  }

  static SolrNodes connect(SemhashConfig.Solr settings) {
    return SolrNodes.connect(settings.url(), Duration.ofSeconds(settings.timeoutSeconds()));
  }
}
