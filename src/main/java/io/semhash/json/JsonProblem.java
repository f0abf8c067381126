package io.semhash.json;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What went wrong reading a JSON or YAML document, in one line, for error messages that name a
 * file or a request and must stay one line: Jackson's own message without the location lines it
 * appends ("at [Source: ...]"), nor the rest of a message of several lines.
 */
public final class JsonProblem {
  private JsonProblem() {}

  /** The first line of {@code e}'s message (Jackson's original message for its exceptions). */
  public static String of(Throwable e) {
    String text = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (text == null) {
      return e.getClass().getSimpleName();
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
