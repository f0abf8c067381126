package io.semhash.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.semhash.json.JsonProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code semhash.yaml} over the built-in defaults: keys the file leaves out keep their
 * default; an unknown key or a value of the wrong type is an error naming file and key.
 */
public final class ConfigLoader {
  /** Where commands look when no {@code --config} is given. */
  public static final Path DEFAULT_PATH = Path.of("config", "semhash.yaml");
  /** The per-width table's key (see {@link SemhashConfig#byBits}). */
  public static final String BY_BITS = "by-bits";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

  private ConfigLoader() {}

  /**
   * Loads {@code file}, or the defaults when {@code file} is null and {@link #DEFAULT_PATH} does
   * not exist. An explicitly named file must exist.
   */
  public static SemhashConfig load(Path file) {
    Path path = file != null ? file : DEFAULT_PATH;
    if (!Files.exists(path)) {
      if (file != null) {
        throw new ConfigException(file + ": config file not found");
      }
      return SemhashConfig.defaults();
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(path.toFile());
    } catch (IOException e) {
      throw new ConfigException(path + ": not valid YAML: " + JsonProblem.of(e));
    }
    return fromTree(tree, path.toString());
  }

  /** Parses YAML text (for tests and for error messages that name {@code source}). */
  public static SemhashConfig parse(String yaml, String source) {
    try {
      return fromTree(YAML.readTree(yaml), source);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": not valid YAML: " + JsonProblem.of(e));
    }
  }

  private static SemhashConfig fromTree(JsonNode tree, String source) {
    ObjectNode merged = YAML.valueToTree(SemhashConfig.defaults());
    if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
      if (!tree.isObject()) {
        throw new ConfigException(source + ": expected a mapping of sections at the top level");
      }
      merge(merged, (ObjectNode) tree, "", source);
    }
    SemhashConfig config;
    try {
      config = YAML.treeToValue(merged, SemhashConfig.class);
    } catch (ValueInstantiationException e) {
      // a record refused a value: its message names the key and the range
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException(source + ": " + JsonProblem.of(cause));
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(source + ": unknown key '" + keyPath(e) + "'");
    } catch (MismatchedInputException e) {
      throw new ConfigException(source + ": key '" + keyPath(e) + "' has the wrong type: "
          + JsonProblem.of(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + JsonProblem.of(e));
    }
    checkByBits(config, source);
    return config;
  }

  /**
   * Refuses a per-width entry that names no {@code model} setting, names the code length itself,
   * or gives a value the model refuses at that width, now rather than when a training starts.
   */
  private static void checkByBits(SemhashConfig config, String source) {
    JsonNode model = YAML.valueToTree(config.model());
    for (Map.Entry<Integer, Map<String, Object>> width : config.byBits().entrySet()) {
      String where = BY_BITS + "." + width.getKey();
      for (String key : width.getValue().keySet()) {
        if (!model.has(key) || key.equals("bits")) {
          String known = iterable(model.fieldNames()).stream().filter(k -> !k.equals("bits")).collect(Collectors.joining(", "));
          throw new ConfigException(source + ": unknown key '" + where + "." + key + "' (a model setting: " + known + ")");
        }
      }
      try {
        io.semhash.codes.CodeSpec.binary(width.getKey());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source + ": " + where + ": " + e.getMessage());
      }
      SemhashConfig widthOnly = withModelBits(config, width.getKey(), source + ": " + where);
      try {
        new SemhashConfig(widthOnly.corpus(), widthOnly.text(), widthOnly.model(), widthOnly.server(), widthOnly.solr())
            .model().options();
      } catch (IllegalArgumentException e) {
        // the model section's own value is at fault; a flag may still replace it, so it is
        // reported where a training's options are made, as without the table
        continue;
      }
      try {
        atWidth(widthOnly, java.util.Set.of(), source).model().options();
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source + ": " + where + ": " + e.getMessage());
      }
    }
  }

  private static SemhashConfig withModelBits(SemhashConfig config, int bits, String source) {
    SemhashConfig plain = new SemhashConfig(config.corpus(), config.text(), config.model(), config.server(), config.solr());
    SemhashConfig at = with(plain, Map.of("model.bits", Integer.toString(bits)), source);
    return new SemhashConfig(at.corpus(), at.text(), at.model(), at.server(), at.solr(), config.byBits());
  }

  /**
   * {@code config} at its own code length ({@code model.bits}): the per-width settings for that
   * length ({@link SemhashConfig#byBits}) replace the {@code model} section's, except for the
   * keys in {@code fixed} ({@code model.beta}: settings a flag gave, which win). The result has
   * no per-width table, so that applying it again, or writing it out, changes nothing.
   */
  public static SemhashConfig atWidth(SemhashConfig config, java.util.Set<String> fixed, String source) {
    SemhashConfig plain = new SemhashConfig(config.corpus(), config.text(), config.model(), config.server(), config.solr());
    Map<String, Object> width = config.byBits().getOrDefault(config.model().bits(), Map.of());
    Map<String, String> settings = new java.util.TreeMap<>();
    width.forEach((key, value) -> {
      if (!fixed.contains("model." + key)) {
        settings.put("model." + key, String.valueOf(value));
      }
    });
    return settings.isEmpty() ? plain : with(plain, settings, source + ": " + BY_BITS + "." + config.model().bits());
  }

  /** Overlays {@code update} on {@code base}, refusing keys that the defaults do not have. */
  private static void merge(ObjectNode base, ObjectNode update, String prefix, String source) {
    Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode current = base.get(field.getKey());
      if (current == null) {
        String known = iterable(base.fieldNames()).stream().collect(Collectors.joining(", "));
        throw new ConfigException(source + ": unknown key '" + key + "' (known here: " + known + ")");
      }
      if (prefix.isEmpty() && field.getKey().equals(BY_BITS)) {
        // the file's table replaces the defaults' whole: a width it leaves out has no entry
        if (!field.getValue().isObject() && !field.getValue().isNull()) {
          throw new ConfigException(source + ": key '" + key + "' must be a mapping of code lengths to model settings");
        }
        base.set(field.getKey(), field.getValue().isNull() ? YAML.createObjectNode() : field.getValue());
      } else if (current.isObject()) {
        if (!field.getValue().isObject()) {
          throw new ConfigException(source + ": key '" + key + "' must be a section (a mapping)");
        }
        merge((ObjectNode) current, (ObjectNode) field.getValue(), key + ".", source);
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  /**
   * The value of {@code key} ({@code server.port}, the file's kebab-case names) in {@code config},
   * as text; null for a key that does not name a setting.
   */
  public static String value(SemhashConfig config, String key) {
    JsonNode node = YAML.valueToTree(config);
    for (String part : key.split("\\.")) {
      node = node.get(part);
      if (node == null) {
        return null;
      }
    }
    return node.isValueNode() ? node.asText() : null;
  }

  /**
   * {@code config} with the given keys ({@code model.beta}, the file's kebab-case names) set to
   * the given values, read as the file's values are (same types, same range checks, errors
   * naming {@code source} and the key).
   */
  public static SemhashConfig with(SemhashConfig config, Map<String, String> settings, String source) {
    ObjectNode tree = YAML.valueToTree(config);
    ObjectNode update = YAML.createObjectNode();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      ObjectNode section = update;
      for (int i = 0; i < parts.length - 1; i++) {
        section = section.has(parts[i]) ? (ObjectNode) section.get(parts[i]) : section.putObject(parts[i]);
      }
      JsonNode scalar;
      try {
        scalar = YAML.readTree(e.getValue());
      } catch (JsonProcessingException ex) {
        throw new ConfigException(source + ": key '" + e.getKey() + "': not a YAML value: " + e.getValue());
      }
      section.set(parts[parts.length - 1], scalar == null || scalar.isMissingNode() ? YAML.nullNode() : scalar);
    }
    merge(tree, update, "", source);
    return fromTree(tree, source);
  }

  /**
   * The {@code sections} of {@code config} ({@code text}, {@code model}, ...) as the text of a
   * configuration file that {@link #load} reads back to the same settings, after the comment
   * lines of {@code header}.
   */
  public static String yaml(SemhashConfig config, java.util.List<String> sections, java.util.List<String> header) {
    ObjectNode all = YAML.valueToTree(config);
    ObjectNode kept = YAML.createObjectNode();
    for (String section : sections) {
      if (!all.has(section)) {
        throw new IllegalArgumentException("no configuration section '" + section + "'");
      }
      kept.set(section, all.get(section));
    }
    StringBuilder sb = new StringBuilder();
    header.forEach(line -> sb.append("# ").append(line).append('\n'));
    try {
      sb.append(YAML.writeValueAsString(kept));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("configuration not writable as YAML", e);
    }
    return sb.toString();
  }

  private static java.util.List<String> iterable(Iterator<String> it) {
    java.util.List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static String keyPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
