package io.semhash.text;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Drops tokens shorter than two characters and tokens without a letter (numbers, "3.14", "1993"). */
final class LetterTokenFilter extends FilteringTokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  LetterTokenFilter(TokenStream in) {
    super(in);
  }

  @Override
  protected boolean accept() {
    int len = term.length();
    if (len < 2) {
      return false;
    }
    char[] buf = term.buffer();
    for (int i = 0; i < len; i++) {
      if (Character.isLetter(buf[i])) {
        return true;
      }
    }
    return false;
  }
}
