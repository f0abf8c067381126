package io.semhash.solr;

import io.semhash.text.TermAnalyzer;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;

/**
 * The core's text analysis after the standard tokenizer ({@link TermAnalyzer#filters}) as a Solr
 * token filter, so a collection's BM25 sees the terms an index directory's store sees and keyword
 * search ranks the same on SolrCloud as locally. In the schema, after {@code
 * solr.StandardTokenizerFactory}: {@code <filter class="io.semhash.solr.TermAnalyzerFilterFactory"
 * stem="true"/>}, {@code stem} (default true) the model's {@code text.stem}, the collection property
 * {@code semhash.stem} in semhash's configset.
 */
public final class TermAnalyzerFilterFactory extends TokenFilterFactory {

  /** The name Lucene's analysis SPI knows the factory by. */
  public static final String NAME = "semhashTerms";

  private final boolean stem;

  /** A factory from the schema's attributes: {@code stem} only. */
  public TermAnalyzerFilterFactory(Map<String, String> args) {
    super(args);
    stem = getBoolean(args, "stem", true);
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("unknown parameters of " + NAME + ": " + args + " (it takes stem=true|false)");
    }
  }

  /** Lucene's analysis SPI needs this constructor, which it never calls. */
  public TermAnalyzerFilterFactory() {
    throw defaultCtorException();
  }

  /** Whether the Porter stemmer ends the chain. */
  public boolean stems() {
    return stem;
  }

  @Override
  public TokenStream create(TokenStream input) {
    return TermAnalyzer.filters(input, stem);
  }
}
