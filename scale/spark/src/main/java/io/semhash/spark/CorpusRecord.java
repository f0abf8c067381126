package io.semhash.spark;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import java.io.Serializable;
import java.util.List;

/**
 * A document on its way through the shuffle (Spark's Java serialisation needs {@link
 * Serializable}, which the core's {@link Document} is not), with its order key and where it was
 * read.
 *
 * @param key the document's place in the corpus's reading order (see {@link CorpusPiece#key})
 * @param where file and line (or file), for messages
 */
record CorpusRecord(long key, String id, String title, String text, String[] labels, String split, String where)
    implements Serializable {

  static CorpusRecord of(long key, Document d, String where) {
    return new CorpusRecord(key, d.id(), d.title(), d.text(), d.labels().toArray(String[]::new), d.split().label(), where);
  }

  Document document() {
    return new Document(id, title, text, List.of(labels), Split.parse(split));
  }
}
