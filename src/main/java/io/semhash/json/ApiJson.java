package io.semhash.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The JSON of the HTTP API and of every command's {@code --json}: one mapping, so that {@code
 * semhash search --json} and {@code GET /api/search} print the same document.
 *
 * <ul>
 *   <li>Record components and bean properties in snake_case ({@code codeHex} → {@code code_hex});
 *       map keys as they are.
 *   <li>Enum constants in lower case ({@code SEMANTIC} → {@code "semantic"}), read in any case.
 *   <li>Strict reading, for request bodies: unknown properties, trailing tokens, and scalars of
 *       the wrong type (a number where a string belongs, a string where a number belongs) are
 *       errors rather than silently converted.
 * </ul>
 *
 * <p>The mapper is shared and thread-safe; never reconfigure it (derive a reader or writer).
 */
public final class ApiJson {
  private static final JsonMapper MAPPER = build();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private ApiJson() {}

  /** The shared mapper (for Javalin and the server's handlers). */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as indented JSON, for a command's {@code --json} output. */
  public static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonMapper build() {
    SimpleModule lowerCaseEnums = new SimpleModule("semhash-api-enums");
    lowerCaseEnums.addSerializer(Enum.class, new JsonSerializer<>() {
      @Override
      public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.name().toLowerCase(Locale.ROOT));
      }
    });
    JsonMapper mapper = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addModule(lowerCaseEnums)
        .build();
    // a number or boolean where a string belongs is the client's mistake, not a string
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }
}
