package io.semhash.cli;

import io.semhash.config.SemhashConfig;
import io.semhash.json.ApiJson;
import io.semhash.search.SearchHit;
import io.semhash.search.Rerank;
import io.semhash.search.SearchMode;
import io.semhash.search.SearchRequest;
import io.semhash.search.SearchResponse;
import io.semhash.search.SemanticSearchService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code semhash search}: the API's search, from the shell. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search an index directory, as GET /api/search does.")
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--index", required = true, paramLabel = "INDEX_DIR", description = "index directory from 'semhash index' or 'semhash build'")
  Path indexDir;

  @Option(names = "--k", paramLabel = "K", description = "results, 1..server.max-k of the configuration, as for GET /api/search (default: ${DEFAULT-VALUE})")
  int k = 10;

  @Option(names = "--mode", paramLabel = "MODE", description = "semantic | keyword | hybrid (default: semantic)")
  String mode;

  @Option(names = "--labels", split = ",", paramLabel = "L", description = "only documents with one of these labels")
  List<String> labels = List.of();

  @Option(names = "--max-distance", paramLabel = "R", description = "only codes within this Hamming distance")
  Integer maxDistance;

  @Option(names = "--rerank", paramLabel = "R", description = "none | asymmetric (the first Hamming, or symbol, candidates by"
      + " the query's likelihood of each code), as rerank= of GET /api/search (default: server.rerank where the"
      + " model suits it, as the server does)")
  String rerank;

  @Option(names = "--json", description = "print the response as JSON")
  boolean json;

  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "query text")
  List<String> words;

  @Override
  public Integer call() throws Exception {
    SemhashConfig.Server server = common.load().server(); // the API's limits and defaults, so the command answers what the server would
    int maxK = server.maxK();
    if (k < 1 || k > maxK) {
      throw new IllegalArgumentException("--k must be in [1, " + maxK + "] (server.max-k), got " + k);
    }
    if (maxDistance != null && maxDistance < 0) {
      throw new IllegalArgumentException("--max-distance must be >= 0, got " + maxDistance);
    }
    String query = String.join(" ", words).strip();
    if (query.isEmpty()) {
      throw new IllegalArgumentException("the query is empty");
    }
    SearchMode m = mode == null ? null : SearchMode.parse(mode);
    Rerank asked = rerank == null ? null : Rerank.parse(rerank);
    try (SemanticSearchService service = SemanticSearchService.open(indexDir)) {
      Rerank r = asked != null ? asked : service.rerankOr(Rerank.parse(server.rerank()));
      SearchResponse response = service.search(new SearchRequest(query, k, 0, labels, maxDistance, m, r));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(ApiJson.pretty(response));
      } else {
        out.printf(Locale.ROOT, "query code %s (%d bits), %d matches, re-rank %s, %.1f ms%n", response.codeHex(), response.bits(),
            response.total(), response.rerank().label(), response.tookMs());
        int rank = 1;
        for (SearchHit h : response.results()) {
          out.printf(Locale.ROOT, "%3d. [d=%s] %s  %s  %s%n", rank++, h.distance(), h.id(), h.labels(), h.title());
        }
      }
      out.flush();
    }
    return 0;
  }
}
