package io.semhash.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The JSON of the files semhash writes and reads back: the model directory's {@code
 * manifest.json}, the index directory's {@code index.json}, and JSON Lines corpora.
 *
 * <p>Names exactly as the records spell them ({@code vocabularyChecksum}), indented with
 * Jackson's default printer, unknown properties refused. These files are versioned formats:
 * their key style is part of the format and does not follow the API's ({@link ApiJson}), so an
 * index or model written by an earlier build loads unchanged.
 *
 * <p>The mapper is shared and thread-safe; never reconfigure it.
 */
public final class FileJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private FileJson() {}

  /** Writes {@code value} to {@code file}, replacing it. */
  public static void write(Path file, Object value) throws IOException {
    MAPPER.writeValue(file.toFile(), value);
  }

  /** Reads {@code file} as a {@code type}; an unknown property or a value of the wrong type is an error. */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    return MAPPER.readValue(file.toFile(), type);
  }

  /** One JSON value (a line of a JSON Lines corpus), as a tree. */
  public static JsonNode tree(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }
}
