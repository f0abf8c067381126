package io.semhash.solrcloud;

import io.semhash.backend.SearchBackend;
import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.progress.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies every document of one backend, with its code, into a SolrCloud collection: update
 * requests of {@code batchSize} documents, one commit at the end (so a load that fails half way
 * leaves nothing visible), then a count check.
 */
public final class CollectionLoad {
  private CollectionLoad() {}

  /**
   * Loads {@code source} into {@code target}; returns the number of documents loaded.
   *
   * @throws IllegalStateException when the collection does not hold as many documents as the source afterwards
   */
  public static long run(SearchBackend source, SolrCloudBackend target, int batchSize, Progress progress) {
    if (!source.shape().equals(target.shape())) {
      throw new IllegalArgumentException("the source holds " + source.shape().description() + " codes, collection "
          + target.collection() + " " + target.shape().description() + " codes");
    }
    List<Document> docs = new ArrayList<>(batchSize);
    List<BitCode> codes = new ArrayList<>(batchSize);
    long[] sent = {0};
    source.forEachDocument(d -> {
      docs.add(d.document());
      codes.add(d.code());
      if (docs.size() == batchSize) {
        flush(target, docs, codes, progress, sent);
      }
    });
    flush(target, docs, codes, progress, sent);
    target.commit();
    long stored = target.count();
    if (stored != sent[0]) {
      throw new IllegalStateException("collection " + target.collection() + " holds " + stored
          + " documents after loading " + sent[0]);
    }
    return sent[0];
  }

  private static void flush(SolrCloudBackend target, List<Document> docs, List<BitCode> codes, Progress progress, long[] sent) {
    if (docs.isEmpty()) {
      return;
    }
    target.send(docs, codes);
    progress.advance(docs.size());
    sent[0] += docs.size();
    docs.clear();
    codes.clear();
  }
}
