package io.semhash.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semhash.search.SearchMode;
import io.semhash.search.SearchRequest;
import io.semhash.search.SearchResponse;
import io.semhash.search.SemanticSearchService;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU per search in-process, without HTTP or JSON: the queries of the wrk script
 * (bench/search_queries.lua) through {@link SemanticSearchService#search}, semantic k=10 as wrk
 * asks, on one thread, thread CPU time per round. With a dump file it first writes every hit of
 * every query in the semantic, keyword and hybrid modes (everything but took_ms), so that two
 * builds can be compared byte for byte.
 * Usage: SearchCpuBench INDEX_DIR [rounds] [DUMP_FILE]
 */
public final class SearchCpuBench {
  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    List<String> queries = queries(Path.of("bench/search_queries.lua"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (SemanticSearchService service = SemanticSearchService.open(index)) {
      if (args.length > 2) {
        dump(service, queries, Path.of(args[2]));
      }
      for (int r = 0; r < rounds + 2; r++) { // two rounds of warm-up
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long hits = 0;
        for (String q : queries) {
          hits += service.search(SearchRequest.of(q, 10)).results().size();
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        System.out.printf(Locale.ROOT, "%s %d: %d searches, %d hits, CPU %.3f ms per search (wall %.3f ms)%n",
            r < 2 ? "warm-up" : "round", r < 2 ? r + 1 : r - 1, queries.size(), hits,
            cpu / 1e6 / queries.size(), wall / 1e6 / queries.size());
      }
    }
  }

  /** The quoted strings of the script's {@code queries} table, in order. */
  static List<String> queries(Path script) throws Exception {
    String lua = Files.readString(script, StandardCharsets.UTF_8);
    String table = lua.substring(lua.indexOf("local queries = {"), lua.indexOf("\n}\n"));
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(table);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static void dump(SemanticSearchService service, List<String> queries, Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      for (SearchMode mode : SearchMode.values()) {
        for (String q : queries) {
          SearchResponse r = service.search(new SearchRequest(q, 10, 0, List.of(), null, mode));
          out.println(mode + "\t" + q + "\t" + r.codeHex() + "\t" + r.total() + "\t" + json.writeValueAsString(r.results()));
        }
      }
    }
  }
}
