package io.semhash.server;

import io.semhash.search.Rerank;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 description of the HTTP API, served at {@code /openapi.json}. Written by hand
 * next to the routes; tests check that it names exactly the routes the server registers and that
 * real responses match its schemas field by field ({@code OpenApiConformanceTest}).
 */
final class OpenApiDocument {
  private OpenApiDocument() {}

  /** The document for a server with these limits. */
  static Map<String, Object> build(int maxK, long maxBodyBytes, Rerank defaultRerank, String version) {
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put("/api/search", Map.of("get", op(
        "Search documents",
        "Semantic: the query's code and documents by Hamming distance (ties by database order). "
            + "Keyword: Lucene BM25 over title and text. Hybrid: both, fused by the service.",
        List.of(
            param("q", "query text (not empty)", true, Map.of("type", "string", "maxLength", SearchParameters.MAX_QUERY_CHARS)),
            param("k", "page size", false, intSchema(1, maxK, SearchParameters.DEFAULT_K)),
            param("offset", "results to skip (offset + k at most " + SearchParameters.MAX_WINDOW + ")", false,
                intSchema(0, SearchParameters.MAX_WINDOW, 0)),
            param("labels", "comma-separated labels; keeps documents with any of them", false, Map.of("type", "string")),
            param("maxDistance", "largest Hamming distance (semantic, hybrid)", false,
                intSchema(0, SearchParameters.MAX_DISTANCE, null)),
            param("mode", "default: semantic with a model, else keyword", false,
                Map.of("type", "string", "enum", List.of("semantic", "keyword", "hybrid"))),
            param("rerank", "semantic, hybrid: asymmetric re-orders the first " + Rerank.CANDIDATES
                + " Hamming candidates (symbol distance for categorical codes) by the query's likelihood of each code;"
                + " none keeps the Hamming order. Default: the server's server.rerank where the model suits it"
                + " (/api/stats default_rerank)", false,
                Map.of("type", "string", "enum", rerankNames(), "default", defaultRerank.label()))),
        null,
        responses("200", "a page of results", ref("SearchResponse"), "400", "409"))));
    paths.put("/api/docs", Map.of("post", secured(op(
        "Add documents",
        "Encodes and stores one document or a batch; a stored id is replaced. Needs the bearer token; "
            + "403 when writes are disabled (no token configured) or the token is missing or wrong. "
            + "Body at most " + maxBodyBytes + " bytes.",
        List.of(),
        Map.of("oneOf", List.of(ref("DocumentInput"), Map.of("type", "array", "minItems", 1, "maxItems", DocumentBody.MAX_BATCH, "items", ref("DocumentInput")))),
        responses("201", "stored", ref("AddResult"), "400", "403", "409", "413", "415")))));
    paths.put("/api/docs/{id}", ordered(
        "get", op("A stored document", "", List.of(idParam()), null,
            responses("200", "the document", ref("StoredDocument"), "404")),
        "delete", secured(op("Delete a document", "Needs the bearer token.", List.of(idParam()), null,
            responses("200", "deleted", ref("Deleted"), "403", "404")))));
    paths.put("/api/docs/{id}/similar", Map.of("get", op(
        "Nearest neighbours of a stored document",
        "By Hamming distance with a model; by shared words (more-like-this, no distances) without one.",
        List.of(idParam(), param("k", "how many", false, intSchema(1, maxK, SearchParameters.DEFAULT_K))),
        null,
        responses("200", "neighbours, the document itself excluded", ref("SearchResponse"), "400", "404"))));
    paths.put("/api/docs/{a}/explain/{b}", Map.of("get", op(
        "Why two stored documents are close",
        "Shared and differing bits of the two codes, each with its top words from the decoder, and the words of b "
            + "that the shared bits predict best. 409 without a model.",
        List.of(pathParam("a", "the first document's id"), pathParam("b", "the second document's id (the result)")),
        null,
        responses("200", "the explanation", ref("MatchExplanation"), "404", "409"))));
    paths.put("/api/explain", Map.of("get", op(
        "Why a stored document matches a query",
        "Shared and differing bits of the query's code and the document's, each with its top words, and the "
            + "document's words that the shared bits predict best. 409 without a model.",
        List.of(
            param("q", "query text (not empty)", true, Map.of("type", "string", "maxLength", SearchParameters.MAX_QUERY_CHARS)),
            param("id", "the result's document id", true, Map.of("type", "string", "minLength", 1))),
        null,
        responses("200", "the explanation", ref("MatchExplanation"), "400", "404", "409"))));
    paths.put("/api/bits", Map.of("get", op(
        "What each bit means, and bit health",
        "Per bit, the words whose probability rises most when the bit is on (by decoder weight, which ranks as the "
            + "change in log-probability does, and by the change in probability) and when it is off, the other bits "
            + "held at 0.5; and over the stored documents each bit's on-rate, the bits' correlations, dead bits "
            + "(on-rate < 1% or > 99%) and redundant bits (|correlation| > 0.9 with a lower bit). 409 without a model.",
        List.of(param("top", "words per list", false, intSchema(1, ExplainParameters.MAX_TOP, ExplainParameters.DEFAULT_TOP))),
        null,
        responses("200", "meanings and health", ref("BitReport"), "400", "409"))));
    paths.put("/api/encode", Map.of("post", op(
        "Encode a text",
        "The text's code and per-bit probabilities. 409 without a model. Body at most " + maxBodyBytes + " bytes.",
        List.of(),
        obj(Map.of("text", Map.of("type", "string", "minLength", 1)), List.of("text")),
        responses("200", "the code", ref("EncodedText"), "400", "409", "413", "415"))));
    paths.put("/api/stats", Map.of("get", op(
        "Index statistics", "Documents, bits, model manifest, training history, evaluation figures, label counts.",
        List.of(), null, responses("200", "statistics", ref("Stats")))));
    paths.put("/api/health", Map.of("get", op(
        "Liveness", "", List.of(), null, responses("200", "the server is up", ref("Health")))));
    paths.put("/metrics", Map.of("get", op(
        "Prometheus metrics", "Request counts and latency histograms per route; Jetty thread-pool, connection and "
            + "JVM (memory, GC, threads) metrics; text format 0.0.4.",
        List.of(), null,
        Map.of("200", Map.of("description", "metrics",
            "content", Map.of("text/plain", Map.of("schema", Map.of("type", "string"))))))));
    paths.put("/openapi.json", Map.of("get", op(
        "This document", "", List.of(), null,
        Map.of("200", Map.of("description", "OpenAPI 3 document",
            "content", Map.of("application/json", Map.of("schema", Map.of("type", "object"))))))));

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of(
        "title", "semhash",
        "version", version,
        "description", "Semantic hashing document search. Errors are {\"error\", \"message\"} JSON. "
            + "Codes are hex strings: byte j holds bits 8j..8j+7, bit 8j least significant."));
    doc.put("paths", paths);
    doc.put("components", Map.of("schemas", schemas(), "securitySchemes",
        Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
    return doc;
  }

  private static Map<String, Object> schemas() {
    Map<String, Object> s = new LinkedHashMap<>();
    Map<String, Object> nullableInt = Map.of("type", "integer", "nullable", true);
    Map<String, Object> nullableHex = Map.of("type", "string", "nullable", true, "pattern", "^[0-9a-f]*$");
    Map<String, Object> strings = Map.of("type", "array", "items", Map.of("type", "string"));
    s.put("Error", obj(ordered("error", Map.of("type", "string"), "message", Map.of("type", "string")), List.of("error", "message")));
    Map<String, Object> probability = Map.of("type", "number", "minimum", 0, "maximum", 1);
    Map<String, Object> code = obj(ordered(
        "type", Map.of("type", "string", "enum", List.of("binary", "categorical")),
        "groups", Map.of("type", "integer", "description", "symbols per code (bits, for a binary code)"),
        "classes", Map.of("type", "integer", "description", "classes per symbol: 2 for a binary code, a power of two up to 256")),
        List.of("type", "groups", "classes"));
    s.put("SearchHit", obj(ordered(
        "id", Map.of("type", "string"),
        "title", Map.of("type", "string"),
        "snippet", Map.of("type", "string", "description", "plain text, never HTML"),
        "labels", strings,
        "distance", nullableInt,
        "score", Map.of("type", "number"),
        "code_hex", nullableHex), List.of("id", "title", "snippet", "labels", "score")));
    s.put("SearchResponse", obj(ordered(
        "code_hex", nullableHex,
        "bits", nullableInt,
        "code", nullable(code),
        "total", Map.of("type", "integer"),
        "took_ms", Map.of("type", "number"),
        "results", Map.of("type", "array", "items", ref("SearchHit")),
        "mode", Map.of("type", "string", "enum", List.of("semantic", "keyword", "hybrid")),
        "rerank", Map.of("type", "string", "enum", rerankNames(),
            "description", "the re-rank applied to the semantic ranking; none for keyword search")),
        List.of("total", "took_ms", "results", "mode", "rerank")));
    s.put("StoredDocument", obj(ordered(
        "id", Map.of("type", "string"),
        "title", Map.of("type", "string"),
        "text", Map.of("type", "string"),
        "labels", strings,
        "split", Map.of("type", "string", "enum", List.of("train", "test")),
        "code_hex", nullableHex,
        "bits", nullableInt,
        "code", nullable(code)), List.of("id", "title", "text", "labels", "split")));
    s.put("DocumentInput", obj(ordered(
        "id", Map.of("type", "string", "minLength", 1, "maxLength", DocumentBody.MAX_ID_CHARS),
        "title", Map.of("type", "string"),
        "text", Map.of("type", "string", "minLength", 1),
        "labels", Map.of("type", "array", "maxItems", DocumentBody.MAX_LABELS_PER_DOCUMENT,
            "items", Map.of("type", "string", "minLength", 1, "maxLength", DocumentBody.MAX_LABEL_CHARS)),
        "split", Map.of("type", "string", "enum", List.of("train", "test"), "default", "train")),
        List.of("id", "text")));
    s.put("AddResult", obj(ordered("added", strings, "replaced", strings), List.of("added", "replaced")));
    s.put("Deleted", obj(Map.of("deleted", Map.of("type", "string")), List.of("deleted")));
    s.put("EncodedText", obj(ordered(
        "hex", Map.of("type", "string"),
        "bits", Map.of("type", "integer"),
        "code", code,
        "probabilities", Map.of("type", "array", "nullable", true, "items", probability,
            "description", "binary code: per bit, the probability that it is 1; null for a categorical code"),
        "class_probabilities", Map.of("type", "array", "nullable", true,
            "items", Map.of("type", "array", "items", probability),
            "description", "categorical code: per group, the probability of each class; null for a binary code")),
        List.of("hex", "bits", "code")));
    Map<String, Object> meanCoherence = obj(ordered(
        "words", Map.of("type", "integer"),
        "contrast", Map.of("type", "number", "nullable", true),
        "decoder", Map.of("type", "number", "nullable", true),
        "random_frequent", Map.of("type", "number", "nullable", true)), List.of("words"));
    meanCoherence.put("nullable", true); // no model, or an index built before it was kept
    s.put("Stats", obj(ordered(
        "documents", Map.of("type", "integer"),
        "default_mode", Map.of("type", "string"),
        "modes", strings,
        "default_rerank", Map.of("type", "string", "enum", rerankNames()),
        "reranks", Map.of("type", "array", "items", Map.of("type", "string", "enum", rerankNames())),
        "bits", nullableInt,
        "code", nullable(code),
        "class_usage", nullable(obj(ordered(
            "groups", Map.of("type", "integer"),
            "classes", Map.of("type", "integer"),
            "documents", Map.of("type", "integer"),
            "rates", Map.of("type", "array", "items", Map.of("type", "array", "items", probability),
                "description", "per group, the share of the stored codes in each class"),
            "unused", Map.of("type", "array", "items", obj(ordered(
                "group", Map.of("type", "integer"), "class_id", Map.of("type", "integer")), List.of("group", "class_id"))),
            "dead_groups", Map.of("type", "array", "items", Map.of("type", "integer"),
                "description", "groups where one class holds more than 99% of the codes")),
            List.of("groups", "classes", "documents", "rates", "unused", "dead_groups"))),
        "model", Map.of("type", "object"),
        "training", Map.of("type", "array", "items", obj(ordered(
            "epoch", Map.of("type", "integer"),
            "loss", Map.of("type", "number"),
            "validation_precision", Map.of("type", "number", "nullable", true)), List.of("epoch", "loss"))),
        "precision_at_k", Map.of("type", "array", "items", obj(ordered(
            "k", Map.of("type", "integer"), "precision", Map.of("type", "number")), List.of("k", "precision"))),
        "distances", Map.of("type", "array", "items", obj(ordered(
            "distance", Map.of("type", "integer"), "count", Map.of("type", "integer")), List.of("distance", "count"))),
        "labels", Map.of("type", "object", "additionalProperties", Map.of("type", "integer")),
        "coherence", meanCoherence),
        List.of("documents", "default_mode", "default_rerank", "reranks", "labels")));
    Map<String, Object> explainedBit = obj(ordered(
        "bit", Map.of("type", "integer"),
        "left", Map.of("type", "integer", "enum", List.of(0, 1)),
        "right", Map.of("type", "integer", "enum", List.of(0, 1)),
        "on", strings,
        "off", strings,
        "on_words", strings,
        "off_words", strings), List.of("bit", "left", "right", "on", "off", "on_words", "off_words"));
    s.put("MatchExplanation", obj(ordered(
        "left_id", Map.of("type", "string", "nullable", true, "description", "null when the left side is a query"),
        "right_id", Map.of("type", "string"),
        "bits", Map.of("type", "integer"),
        "left_code", Map.of("type", "string"),
        "right_code", Map.of("type", "string"),
        "distance", Map.of("type", "integer"),
        "shared", Map.of("type", "array", "items", explainedBit),
        "differing", Map.of("type", "array", "items", explainedBit),
        "match_words", Map.of("type", "array", "items", obj(ordered(
            "term", Map.of("type", "string", "description", "the vocabulary term (a stem when stemmed)"),
            "word", Map.of("type", "string", "description", "the term's most frequent surface form in training"),
            "count", Map.of("type", "integer"),
            "score", Map.of("type", "number")), List.of("term", "word", "count", "score")))),
        List.of("right_id", "bits", "left_code", "right_code", "distance", "shared", "differing", "match_words")));
    Map<String, Object> bitWord = obj(ordered(
        "term", Map.of("type", "string", "description", "the vocabulary term (a stem when stemmed)"),
        "word", Map.of("type", "string", "description", "the term's most frequent surface form in training"),
        "weight", Map.of("type", "number"),
        "delta_log_prob", Map.of("type", "number"),
        "delta_prob", Map.of("type", "number"),
        "contrast", Map.of("type", "number", "nullable", true,
            "description", "z-scored log-odds ratio between the documents with the bit on and off; null when ranked by the decoder")),
        List.of("term", "word", "weight", "delta_log_prob", "delta_prob"));
    Map<String, Object> words = Map.of("type", "array", "items", bitWord);
    Map<String, Object> numbers = Map.of("type", "array", "items", Map.of("type", "number"));
    s.put("BitReport", obj(ordered(
        "bits", Map.of("type", "integer"),
        "context", Map.of("type", "number"),
        "rank", Map.of("type", "string", "enum", List.of("contrast", "decoder")),
        "meanings", Map.of("type", "array", "items", obj(ordered(
            "bit", Map.of("type", "integer"), "on", words, "on_by_probability", words, "off", words),
            List.of("bit", "on", "on_by_probability", "off"))),
        "health", obj(ordered(
            "bits", Map.of("type", "integer"),
            "documents", Map.of("type", "integer"),
            "dead_rate", Map.of("type", "number"),
            "redundant_correlation", Map.of("type", "number"),
            "on_rate", numbers,
            "correlation", Map.of("type", "array", "items", numbers),
            "dead", Map.of("type", "array", "items", Map.of("type", "integer")),
            "redundant", Map.of("type", "array", "items", obj(ordered(
                "i", Map.of("type", "integer"), "j", Map.of("type", "integer"), "correlation", Map.of("type", "number")),
                List.of("i", "j", "correlation"))),
            "redundant_bits", Map.of("type", "integer")), List.of("bits", "documents", "on_rate", "dead", "redundant")),
        "coherence", obj(ordered(
            "words", Map.of("type", "integer"),
            "decoder", Map.of("type", "number", "nullable", true),
            "contrast", Map.of("type", "number", "nullable", true),
            "random_frequent", Map.of("type", "number"),
            "contrast_per_bit", Map.of("type", "array", "items", Map.of("type", "number", "nullable", true))),
            List.of("words", "random_frequent", "contrast_per_bit"))),
        List.of("bits", "context", "rank", "meanings")));
    s.put("Health", obj(ordered(
        "status", Map.of("type", "string"),
        "default_mode", Map.of("type", "string"),
        "default_rerank", Map.of("type", "string", "enum", rerankNames()),
        "writes_enabled", Map.of("type", "boolean"),
        "uptime_seconds", Map.of("type", "number")), List.of("status")));
    return s;
  }

  private static List<String> rerankNames() {
    return java.util.Arrays.stream(Rerank.values()).map(Rerank::label).toList();
  }

  private static Map<String, Object> op(
      String summary, String description, List<Object> params, Object body, Map<String, Object> responses) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", summary);
    if (!description.isEmpty()) {
      op.put("description", description);
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    if (body != null) {
      op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", body))));
    }
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> secured(Map<String, Object> op) {
    op.put("security", List.of(Map.of("bearer", List.of())));
    return op;
  }

  private static Map<String, Object> responses(String okStatus, String okDescription, Object okSchema, String... errors) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put(okStatus, Map.of("description", okDescription,
        "content", Map.of("application/json", Map.of("schema", okSchema))));
    for (String status : errors) {
      r.put(status, Map.of("description", errorDescription(status),
          "content", Map.of("application/json", Map.of("schema", ref("Error")))));
    }
    return r;
  }

  private static String errorDescription(String status) {
    return switch (status) {
      case "400" -> "bad input: a missing or invalid parameter or field, or malformed JSON";
      case "403" -> "writes disabled, or missing or wrong bearer token";
      case "404" -> "no document with this id";
      case "409" -> "needs a model and none is loaded";
      case "413" -> "body over the size limit";
      case "415" -> "body is not application/json";
      default -> "error";
    };
  }

  private static Map<String, Object> param(String name, String description, boolean required, Map<String, Object> schema) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("in", "query");
    p.put("description", description);
    p.put("required", required);
    p.put("schema", schema);
    return p;
  }

  private static Map<String, Object> idParam() {
    return ordered("name", "id", "in", "path", "required", true,
        "description", "document id; may contain '/' (each path segment percent-encoded)",
        "schema", Map.of("type", "string"));
  }

  private static Map<String, Object> pathParam(String name, String description) {
    return ordered("name", name, "in", "path", "required", true,
        "description", description + "; may contain '/' (each path segment percent-encoded)",
        "schema", Map.of("type", "string"));
  }

  private static Map<String, Object> intSchema(int min, int max, Integer dflt) {
    Map<String, Object> s = ordered("type", "integer", "minimum", min, "maximum", max);
    if (dflt != null) {
      s.put("default", dflt);
    }
    return s;
  }

  private static Map<String, Object> obj(Map<String, Object> properties, List<String> required) {
    return ordered("type", "object", "properties", properties, "required", required);
  }

  /** {@code schema}, allowing null. */
  private static Map<String, Object> nullable(Map<String, Object> schema) {
    Map<String, Object> copy = new LinkedHashMap<>(schema);
    copy.put("nullable", true);
    return copy;
  }

  private static Map<String, Object> ref(String schema) {
    return Map.of("$ref", "#/components/schemas/" + schema);
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
