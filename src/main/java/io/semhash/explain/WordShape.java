package io.semhash.explain;

/**
 * Which vocabulary terms may be shown as words: those made of letters only (an apostrophe
 * inside allowed). The analyzer keeps tokens such as host names ("newton.apple.com"), the parts of
 * e-mail addresses around the '@', numbers with letters ("0d", "4u", "386dx") and underscored
 * fragments of uuencoded text ("_o"); these say nothing a person can read as a topic, so bit lists
 * and match words leave them out. They stay in the vocabulary: the model was trained with them.
 */
public final class WordShape {
  private WordShape() {}

  /** True when {@code term} is letters only: no digit, '.', '@', '_' or other sign. */
  public static boolean isWord(String term) {
    if (term.isEmpty()) {
      return false;
    }
    for (int i = 0; i < term.length(); ) {
      int c = term.codePointAt(i);
      if (!Character.isLetter(c) && !(c == '\'' && i > 0 && i < term.length() - 1)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
