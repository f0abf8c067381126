package io.semhash.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of a message its author wrote, for the first lines a person reads in a result: without
 * a leading mail or news header block, attribution lines ("In article &lt;…&gt; x writes:"), quoted
 * lines ({@code >} or {@code |}) and a trailing signature block (after a {@code --} line near the
 * end). Only what is recognised goes; when nothing would remain, the text is kept whole, so a
 * result never shows less than its document. Used for display only: the stored text, the codes and
 * keyword search see the document as it is.
 */
public final class AuthorText {
  /** A signature starts at a {@code --} line among the message's last lines, no earlier. */
  static final int SIGNATURE_MAX_LINES = 12;

  private static final Pattern HEADER = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,40}: .*");
  private static final Pattern ATTRIBUTION = Pattern.compile(
      "(?i)^(in article\\s.*|in <.*|.*\\s(writes|wrote|says|said)\\s*:\\s*|.*\\bwrites:.*)$");

  private AuthorText() {}

  /** {@code text} without the header block, attributions, quotes and signature it starts or ends with. */
  public static String of(String text) {
    String[] lines = text.split("\r?\n", -1);
    int start = headerEnd(lines);
    int end = signatureStart(lines, start);
    List<String> kept = new ArrayList<>();
    for (int i = start; i < end; i++) {
      String line = lines[i];
      String trimmed = line.stripLeading();
      if (trimmed.startsWith(">") || trimmed.startsWith("|") || ATTRIBUTION.matcher(line.strip()).matches()) {
        continue;
      }
      kept.add(line);
    }
    String author = String.join("\n", kept).strip();
    return author.isEmpty() ? text : author;
  }

  /** After a leading block of two or more header lines ended by a blank line; else 0. */
  private static int headerEnd(String[] lines) {
    int i = 0;
    while (i < lines.length && HEADER.matcher(lines[i]).matches()) {
      i++;
    }
    if (i >= 2 && (i == lines.length || lines[i].isBlank())) {
      return i;
    }
    return 0;
  }

  private static int signatureStart(String[] lines, int from) {
    for (int i = Math.max(from, lines.length - SIGNATURE_MAX_LINES); i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.equals("--") || s.equals("---")) {
        return i;
      }
    }
    return lines.length;
  }
}
