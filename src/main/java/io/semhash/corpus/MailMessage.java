package io.semhash.corpus;

import java.util.regex.Pattern;

/**
 * A file of a label tree split into title and body. Files that start with a mail/news header
 * block (20 Newsgroups) lose that block: its {@code Subject:} becomes the title and the rest of
 * the header is not text. Files without a header are all body.
 */
record MailMessage(String title, String body) {
  private static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*:( .*)?$");

  static MailMessage parse(String raw) {
    int firstEol = raw.indexOf('\n');
    String firstLine = stripCr(firstEol < 0 ? raw : raw.substring(0, firstEol));
    if (!HEADER_LINE.matcher(firstLine).matches()) {
      return new MailMessage("", raw.strip());
    }
    String title = "";
    int pos = 0;
    while (pos < raw.length()) {
      int eol = raw.indexOf('\n', pos);
      String line = stripCr(eol < 0 ? raw.substring(pos) : raw.substring(pos, eol));
      pos = eol < 0 ? raw.length() : eol + 1;
      if (line.isBlank()) {
        break;
      }
      if (title.isEmpty() && line.regionMatches(true, 0, "Subject:", 0, 8)) {
        title = line.substring(8).strip();
      }
    }
    return new MailMessage(title, raw.substring(pos).strip());
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
