package io.semhash.corpus;

import java.util.List;

/** Turns one file of a corpus tree (on disk or in an archive) into a document. */
final class TreeEntryParser {
  private TreeEntryParser() {}

  static void emit(List<String> pathParts, byte[] bytes, String where, CorpusReader.Emitter emitter) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) {
        emitter.skip("binary file (NUL byte)", where);
        return;
      }
    }
    TreeLayout layout = TreeLayout.of(pathParts);
    DecodedText decoded = DecodedText.of(bytes);
    MailMessage message = MailMessage.parse(decoded.text());
    emitter.emit(layout.id(), message.title(), message.body(), layout.labels(), layout.split(), where, decoded.latin1());
  }
}
