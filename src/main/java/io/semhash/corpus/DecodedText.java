package io.semhash.corpus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes decoded as UTF-8 when they are valid UTF-8 and as ISO-8859-1 otherwise, so that no
 * character is dropped or replaced (old corpora such as 20 Newsgroups are mostly Latin-1).
 */
record DecodedText(String text, boolean latin1) {
  static DecodedText of(byte[] bytes, int offset, int length) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, offset, length))
              .toString();
      return new DecodedText(s, false);
    } catch (CharacterCodingException e) {
      return new DecodedText(new String(bytes, offset, length, StandardCharsets.ISO_8859_1), true);
    }
  }

  static DecodedText of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }
}
