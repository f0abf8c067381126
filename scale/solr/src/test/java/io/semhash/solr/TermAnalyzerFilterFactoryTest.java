package io.semhash.solr;

import io.semhash.text.TermAnalyzer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizerFactory;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * The configset's text analysis, built as Solr builds it (the standard tokenizer's factory with its
 * defaults, then {@link TermAnalyzerFilterFactory} from its schema attributes), gives the terms of
 * the core's {@link TermAnalyzer} with and without stemming, on text that exercises each step:
 * possessives, case, stop words, numbers, one-letter tokens, non-Latin letters, suffixes.
 */
public class TermAnalyzerFilterFactoryTest extends LuceneTestCase {

  private static final List<String> TEXTS = List.of(
      "The shuttle's launches were delayed; NASA's engineers are launching again in 1993.",
      "Connecting the connections: a connection connects what was connected, e.g. 3.14 or x86_64 a b c.",
      "Hockey goalies saved 42 shots; the goalie's saves (and Gretzky's goals) -- 1st, 2nd, 3rd!",
      "Ünïcödé wörds, Ελληνικά γράμματα, 日本語のテキスト, emoji 🚀🚀 and e-mail addresses foo@bar.example.org",
      "It's what it is: IT, it, I.T., its, they're, won't, can't; generalizations generalized generally.");

  public void testTheConfigsetChainGivesTheCoresTerms() throws IOException {
    for (boolean stem : new boolean[] {true, false}) {
      TermAnalyzer core = new TermAnalyzer(stem);
      try (Analyzer solr = CustomAnalyzer.builder()
          .withTokenizer(StandardTokenizerFactory.class)
          .addTokenFilter(TermAnalyzerFilterFactory.class, "stem", Boolean.toString(stem))
          .build()) {
        for (String text : TEXTS) {
          List<String> expected = core.tokens(text);
          assertFalse(text, expected.isEmpty());
          assertEquals("stem=" + stem + ": " + text, expected, tokens(solr, text));
        }
      }
    }
    // the stemmer is on by default, as text.stem is
    try (Analyzer solr = CustomAnalyzer.builder().withTokenizer(StandardTokenizerFactory.class)
        .addTokenFilter(TermAnalyzerFilterFactory.class).build()) {
      assertEquals(List.of("launch", "connect"), tokens(solr, "launches connected"));
    }
  }

  public void testAnUnknownParameterIsRefusedByName() {
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> CustomAnalyzer.builder()
        .withTokenizer(StandardTokenizerFactory.class)
        .addTokenFilter(TermAnalyzerFilterFactory.class, "stemmer", "porter")
        .build());
    assertTrue(e.getMessage(), e.getMessage().contains("stemmer=porter"));
  }

  private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }
}
