package io.semhash.solr;

import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.search.QParser;
import org.apache.solr.search.QParserPlugin;

/**
 * Registers the {@code hamming} query parser: {@code {!hamming f=code k=10}0f3a…} (the k nearest
 * codes) or {@code {!hamming f=code maxDistance=3}0f3a…} (every code within distance 3), exact, over
 * a {@link HammingCodeField}. See {@link HammingQParser} for the parameters, their ranges, the
 * default sort and rows.
 *
 * <p>In solrconfig.xml: {@code <queryParser name="hamming" class="io.semhash.solr.HammingQParserPlugin"/>}.
 */
public final class HammingQParserPlugin extends QParserPlugin {

  /** The name the configset registers the parser under. */
  public static final String NAME = "hamming";

  @Override
  public QParser createParser(String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
    return new HammingQParser(qstr, localParams, params, req);
  }
}
