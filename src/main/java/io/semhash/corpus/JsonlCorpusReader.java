package io.semhash.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.semhash.json.FileJson;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads JSON Lines: one object per line with required {@code text} and optional {@code id}
 * (string), {@code title}, {@code labels} (array of strings), {@code split} ({@code train} or
 * {@code test}). A document without an id gets its line number. A bad line is an error naming
 * file and line, or with {@code skipBad} a counted skip. A gzipped file is read through
 * {@link GZIPInputStream}, never unpacked to disk; its line numbers are those of the unpacked text.
 */
final class JsonlCorpusReader extends CorpusReader {
  private final Path file;
  private final boolean gzipped;

  JsonlCorpusReader(Path file, CorpusOptions options, boolean gzipped) {
    super(file.toString(), options);
    this.file = file;
    this.gzipped = gzipped;
  }

  @Override
  protected void readInto(Emitter emitter) {
    InputStream opened;
    try {
      opened = open();
    } catch (IOException e) {
      throw new CorpusException(file + ": cannot read" + (gzipped ? " as gzip" : "") + ": " + e.getMessage(), e);
    }
    long lineNo = 0;
    try (InputStream in = opened) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
      int b;
      boolean more = true;
      while (more) {
        b = in.read();
        if (b == '\n' || b == -1) {
          more = b != -1;
          if (b == -1 && line.size() == 0) {
            break;
          }
          lineNo++;
          parseLine(line.toByteArray(), lineNo, emitter);
          line.reset();
        } else {
          line.write(b);
        }
      }
    } catch (IOException e) {
      // a damaged or truncated gzip stream fails part-way: name the line being read
      throw new CorpusException(
          file + ":" + (lineNo + 1) + ": cannot read" + (gzipped ? " the gzip stream" : "") + ": " + e.getMessage(), e);
    }
  }

  private InputStream open() throws IOException {
    InputStream raw = Files.newInputStream(file);
    if (!gzipped) {
      return new BufferedInputStream(raw, 1 << 16);
    }
    try {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  private void parseLine(byte[] bytes, long lineNo, Emitter emitter) {
    String where = file + ":" + lineNo;
    DecodedText decoded = DecodedText.of(bytes);
    String text = decoded.text().strip();
    if (text.isEmpty()) {
      emitter.skip("blank line", where);
      return;
    }
    try {
      JsonNode node;
      try {
        node = FileJson.tree(text);
      } catch (JsonProcessingException e) {
        throw new BadRecord("malformed JSON line", e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        throw new BadRecord("malformed JSON line", "expected a JSON object");
      }
      JsonNode body = node.get("text");
      if (body == null || body.isNull()) {
        throw new BadRecord("missing field 'text'", "the required field 'text' is missing");
      }
      String id = optionalString(node, "id");
      emitter.emit(
          id != null ? id : Long.toString(lineNo),
          optionalString(node, "title"),
          requireString(body, "text"),
          labels(node.get("labels")),
          split(node.get("split")),
          where,
          decoded.latin1());
    } catch (BadRecord bad) {
      if (!options().skipBad()) {
        throw new CorpusException(where + ": " + bad.detail + " (use --skip-bad to skip such lines)");
      }
      emitter.skip(bad.reason, where);
    }
  }

  private static String optionalString(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : requireString(value, field);
  }

  private static String requireString(JsonNode value, String field) {
    if (!value.isTextual()) {
      throw new BadRecord("wrong field type", "field '" + field + "' must be a string, got " + value.getNodeType());
    }
    return value.textValue();
  }

  private static List<String> labels(JsonNode value) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new BadRecord("wrong field type", "field 'labels' must be an array of strings, got " + value.getNodeType());
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode label : value) {
      labels.add(requireString(label, "labels[]"));
    }
    return labels;
  }

  private static Split split(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return Split.parse(requireString(value, "split"));
    } catch (IllegalArgumentException e) {
      throw new BadRecord("bad split", e.getMessage());
    }
  }

  /** A record that breaks the format; carries the skip reason and the user-facing detail. */
  private static final class BadRecord extends RuntimeException {
    final String reason;
    final String detail;

    BadRecord(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
      this.detail = detail;
    }
  }
}
