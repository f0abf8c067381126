package io.semhash.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.Test;

class AuthorTextTest {

  private static final String REPLY = String.join("\n",
      "In article <1993Apr5.123@cs.cmu.edu> jdoe@cs.cmu.edu (John Doe) writes:",
      ">Does anyone know how the Clipper chip's key escrow works?",
      ">> I heard the NSA holds both halves.",
      "|> and a third quoting style",
      "",
      "The two halves of each key go to two escrow agents.",
      "Neither can decrypt alone.",
      "",
      "--",
      "Jane Roe, jroe@example.com",
      "\"Opinions are my own\"");

  @Test
  void keepsOnlyTheAuthorsLinesOfAReply() {
    assertThat(AuthorText.of(REPLY)).isEqualTo(
        "The two halves of each key go to two escrow agents.\nNeither can decrypt alone.");
  }

  @Test
  void dropsALeadingHeaderBlockButNotOneColonLine() {
    String mail = "From: jroe@example.com\nOrganization: Example Inc.\nLines: 3\n\nThe shuttle launch slipped again.";
    assertThat(AuthorText.of(mail)).isEqualTo("The shuttle launch slipped again.");
    String prose = "Note: the shuttle launch slipped again.\nIt is now set for May.";
    assertThat(AuthorText.of(prose)).isEqualTo(prose);
  }

  @Test
  void aDashLineFarFromTheEndIsNotASignature() {
    StringBuilder text = new StringBuilder("first part\n--\n");
    for (int i = 0; i < AuthorText.SIGNATURE_MAX_LINES + 1; i++) {
      text.append("line ").append(i).append('\n');
    }
    assertThat(AuthorText.of(text.toString())).isEqualTo(text.toString().strip());
  }

  @Test
  void aTextThatIsAllQuoteIsKeptWhole() {
    String quote = "> only a quote\n> and more quote";
    assertThat(AuthorText.of(quote)).isEqualTo(quote);
  }

  @Test
  void anExcerptOfTheAuthorsTextWithoutHitsStartsWithTheAuthorsText() {
    Excerpter excerpter = Excerpter.of(new StandardAnalyzer(), 80);
    assertThat(excerpter.excerpt(AuthorText.of(REPLY), Set.of("orbit"))).startsWith("The two halves of each key");
    assertThat(excerpter.excerpt(AuthorText.of(REPLY), Set.of("decrypt"))).contains("decrypt")
        .doesNotContain(">").doesNotContain("writes");
  }
}
