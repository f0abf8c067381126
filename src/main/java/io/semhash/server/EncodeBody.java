package io.semhash.server;

/**
 * The body of {@code POST /api/encode}: {@code {"text": "..."}}, nothing else.
 *
 * @param text the text to encode; required, not blank
 */
record EncodeBody(String text) {

  /** The text, checked; the error names the field. */
  String checkedText() {
    if (text == null) {
      throw ApiException.badRequest("field 'text' is required");
    }
    if (text.isBlank()) {
      throw ApiException.badRequest("field 'text' must not be empty");
    }
    return text;
  }
}
