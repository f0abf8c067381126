package io.semhash.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a JSON request body: checks the content type (415), reads at most the configured number
 * of bytes (413, whether or not the client declared a length), parses (400 for malformed JSON)
 * and turns the tree into what the handler needs (400 naming the field that is wrong).
 */
final class JsonBody {
  private static final Set<String> DOCUMENT_FIELDS = Set.of("id", "title", "text", "labels", "split");
  static final int MAX_ID_CHARS = 512;
  /** Longest label: labels are single index terms, and Lucene refuses terms over 32,766 bytes. */
  static final int MAX_LABEL_CHARS = 256;
  static final int MAX_LABELS_PER_DOCUMENT = 100;
  /** Most documents in one {@code POST /api/docs}. */
  static final int MAX_BATCH = 1_000;

  private final ObjectMapper json;
  private final long maxBytes;

  JsonBody(ObjectMapper json, long maxBytes) {
    this.json = json;
    this.maxBytes = maxBytes;
  }

  /** The parsed body of a request that must be {@code application/json}. */
  JsonNode read(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).strip().matches("application/json\\s*(;.*)?")) {
      throw ApiException.unsupportedMediaType(
          "the body must be application/json, got " + (type == null ? "no Content-Type" : "'" + type + "'"));
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      throw tooLarge();
    }
    if (bytes.length == 0) {
      throw ApiException.malformedJson("the request body is empty; expected JSON");
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw ApiException.malformedJson("the request body is empty; expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.malformedJson("malformed JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ApiException.malformedJson("malformed JSON: " + firstLine(e.getMessage()));
    }
  }

  /** {@code {"text": "..."}}: the non-blank text. */
  static String text(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("expected a JSON object {\"text\": \"...\"}");
    }
    JsonNode text = body.get("text");
    if (text == null || !text.isTextual() || text.textValue().isBlank()) {
      throw ApiException.badRequest("field 'text' is required and must be a non-empty string");
    }
    return text.textValue();
  }

  /** One document object, or an array of them (not empty). */
  static List<Document> documents(JsonNode body) {
    List<Document> docs = new ArrayList<>();
    if (body.isObject()) {
      docs.add(document(body, "document"));
    } else if (body.isArray()) {
      if (body.isEmpty()) {
        throw ApiException.badRequest("the batch is empty: send one document or a non-empty array");
      }
      if (body.size() > MAX_BATCH) {
        throw ApiException.badRequest("the batch holds " + body.size() + " documents, at most " + MAX_BATCH + " are allowed");
      }
      for (int i = 0; i < body.size(); i++) {
        docs.add(document(body.get(i), "document [" + i + "]"));
      }
    } else {
      throw ApiException.badRequest("expected a document object or an array of documents");
    }
    return docs;
  }

  private static Document document(JsonNode node, String where) {
    if (!node.isObject()) {
      throw ApiException.badRequest(where + ": expected a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!DOCUMENT_FIELDS.contains(name)) {
        throw ApiException.badRequest(where + ": unknown field '" + name + "' (known: id, title, text, labels, split)");
      }
    }
    String id = string(node, "id", where, true);
    if (id.isBlank() || id.length() > MAX_ID_CHARS) {
      throw ApiException.badRequest(where + ": field 'id' must be 1 to " + MAX_ID_CHARS + " characters");
    }
    String text = string(node, "text", where, true);
    if (text.isBlank()) {
      throw ApiException.badRequest(where + ": field 'text' must not be empty");
    }
    String title = string(node, "title", where, false);
    List<String> labels = new ArrayList<>();
    JsonNode rawLabels = node.get("labels");
    if (rawLabels != null && !rawLabels.isNull()) {
      if (!rawLabels.isArray()) {
        throw ApiException.badRequest(where + ": field 'labels' must be an array of strings");
      }
      for (JsonNode label : rawLabels) {
        if (!label.isTextual() || label.textValue().isBlank()) {
          throw ApiException.badRequest(where + ": field 'labels' must hold non-empty strings");
        }
        if (label.textValue().length() > MAX_LABEL_CHARS) {
          throw ApiException.badRequest(where + ": a label is longer than " + MAX_LABEL_CHARS + " characters");
        }
        labels.add(label.textValue());
      }
      if (labels.size() > MAX_LABELS_PER_DOCUMENT) {
        throw ApiException.badRequest(where + ": at most " + MAX_LABELS_PER_DOCUMENT + " labels, got " + labels.size());
      }
    }
    String rawSplit = string(node, "split", where, false);
    Split split;
    try {
      split = rawSplit == null ? Split.TRAIN : Split.parse(rawSplit);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(where + ": " + e.getMessage());
    }
    return new Document(id, title, text, labels, split);
  }

  private static String string(JsonNode node, String field, String where, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw ApiException.badRequest(where + ": field '" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(where + ": field '" + field + "' must be a string");
    }
    return value.textValue();
  }

  private ApiException tooLarge() {
    return ApiException.payloadTooLarge("the request body is larger than " + maxBytes + " bytes");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
