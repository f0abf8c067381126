package io.semhash.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.semhash.corpus.Document;
import io.semhash.json.JsonProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads a JSON request body into its record ({@link EncodeBody}, {@link DocumentBody}): checks
 * the content type (415), reads at most the configured number of bytes (413, whether or not the
 * client declared a length), parses (400 {@code malformed_json}), then lets Jackson bind the
 * record (400 {@code bad_request} naming the field: an unknown field, or a value of the wrong
 * type; the {@link io.semhash.json.ApiJson} mapper converts nothing silently).
 *
 * <p>Parsing and binding are two steps so that bad syntax and a bad shape get their own errors.
 */
final class JsonBody {
  private final ObjectMapper json;
  private final long maxBytes;

  JsonBody(ObjectMapper json, long maxBytes) {
    this.json = json;
    this.maxBytes = maxBytes;
  }

  /** The text of a {@code POST /api/encode} body. */
  String text(Context ctx) {
    JsonNode body = read(ctx);
    if (!body.isObject()) {
      throw ApiException.badRequest("expected a JSON object {\"text\": \"...\"}");
    }
    return bind(body, EncodeBody.class, "").checkedText();
  }

  /** The documents of a {@code POST /api/docs} body: one document object, or a non-empty array of them. */
  List<Document> documents(Context ctx) {
    JsonNode body = read(ctx);
    if (body.isObject()) {
      return List.of(document(body, "document"));
    }
    if (!body.isArray()) {
      throw ApiException.badRequest("expected a document object or an array of documents");
    }
    if (body.isEmpty()) {
      throw ApiException.badRequest("the batch is empty: send one document or a non-empty array");
    }
    if (body.size() > DocumentBody.MAX_BATCH) {
      throw ApiException.badRequest("the batch holds " + body.size() + " documents, at most " + DocumentBody.MAX_BATCH + " are allowed");
    }
    List<Document> docs = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      docs.add(document(body.get(i), "document [" + i + "]"));
    }
    return docs;
  }

  private Document document(JsonNode node, String where) {
    if (!node.isObject()) {
      throw ApiException.badRequest(where + ": expected a JSON object");
    }
    return bind(node, DocumentBody.class, where + ": ").document(where);
  }

  /** Binds an object to {@code type}; the error starts with {@code where} and names the field. */
  private <T> T bind(JsonNode node, Class<T> type, String where) {
    try {
      return json.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest(where + "unknown field '" + e.getPropertyName() + "' (known: " + known(e.getKnownPropertyIds()) + ")");
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest(where + wrongType(e));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(where + "cannot read the body: " + JsonProblem.of(e));
    }
  }

  /** "field 'id' must be a string", from the path Jackson was binding when the type did not fit. */
  private static String wrongType(MismatchedInputException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    if (path.isEmpty() || path.get(0).getFieldName() == null) {
      return "expected a JSON object";
    }
    String field = path.get(0).getFieldName();
    if (path.size() > 1) {
      return "field '" + field + "' must hold strings only";
    }
    Class<?> target = e.getTargetType();
    String expected = target != null && Collection.class.isAssignableFrom(target) ? "an array of strings" : "a string";
    return "field '" + field + "' must be " + expected;
  }

  private static String known(Collection<Object> ids) {
    return String.join(", ", new TreeSet<>(ids.stream().map(Object::toString).toList()));
  }

  /** The parsed body of a request that must be {@code application/json}. */
  private JsonNode read(Context ctx) {
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
    } catch (IOException e) {
      throw ApiException.malformedJson("malformed JSON: " + JsonProblem.of(e));
    }
  }

  private ApiException tooLarge() {
    return ApiException.payloadTooLarge("the request body is larger than " + maxBytes + " bytes");
  }
}
