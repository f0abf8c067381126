package io.semhash.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.solr.core.AbstractSolrEventListener;
import org.apache.solr.core.SolrCore;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.SolrIndexSearcher;

/**
 * Builds the code indexes of a new searcher while Solr warms it, before it serves a query, for
 * every field of the schema whose type is a {@link HammingCodeField}: the index of the whole reader
 * when it has several segments ({@link ReaderCodes}), else the segment's ({@link SegmentCodes}).
 * Without it the first {@code hamming} query after each commit that opens a searcher pays the
 * build.
 *
 * <p>In solrconfig.xml, inside {@code <query>}, for the first searcher of a core and for every new
 * one: {@code <listener event="firstSearcher" class="io.semhash.solr.CodeIndexWarmer"/>} and
 * {@code <listener event="newSearcher" class="io.semhash.solr.CodeIndexWarmer"/>}.
 */
public final class CodeIndexWarmer extends AbstractSolrEventListener {

  public CodeIndexWarmer(SolrCore core) {
    super(core);
  }

  @Override
  public void newSearcher(SolrIndexSearcher newSearcher, SolrIndexSearcher currentSearcher) {
    for (SchemaField field : newSearcher.getSchema().getFields().values()) {
      if (field.getType() instanceof HammingCodeField type) {
        try {
          HammingQuery.prepare(newSearcher.getIndexReader(), field.getName(), type.shape());
        } catch (IOException e) {
          throw new UncheckedIOException("warming the codes of field " + field.getName(), e);
        }
      }
    }
  }
}
