package io.semhash.indexdir;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.index.HammingIndex;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.store.StoredEntry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * Brings the Hamming index of an index directory back in line with its Lucene store after a
 * crash. The store is the record of truth: a write commits Lucene first and saves the Hamming
 * index second, so a process killed between the two leaves a Lucene commit the saved Hamming
 * index does not reflect yet. The Hamming index only holds codes, which the model recomputes
 * from the stored text, so nothing acknowledged can be lost there:
 *
 * <ul>
 *   <li>a stored document whose number is past the end of the Hamming index gets its code
 *       appended at that number (gaps, numbers whose document was replaced or deleted in the
 *       same lost window, are filled with deleted placeholders so ids stay dense);
 *   <li>a stored document whose number the Hamming index has deleted gets a new number and code;
 *   <li>a live Hamming id with no stored document is deleted.
 * </ul>
 *
 * On a consistent directory it changes nothing. The caller commits and saves when it did.
 */
public final class IndexRecovery {

  /**
   * What {@link #reconcile} changed.
   *
   * @param appended codes appended for stored documents missing from the Hamming index
   * @param renumbered stored documents given a new number because their code was deleted
   * @param dropped live Hamming ids deleted because no stored document has them
   */
  public record Outcome(int appended, int renumbered, int dropped) {
    public boolean changed() {
      return appended + renumbered + dropped > 0;
    }
  }

  private IndexRecovery() {}

  /**
   * @param encoder the code of a document, as the index directory's model computes it
   */
  public static Outcome reconcile(Function<Document, BitCode> encoder, HammingIndex index, LuceneDocumentStore store) {
    int[] numbers = store.numbers();
    BitSet stored = new BitSet();
    int savedSize = index.size();
    int appended = 0;
    List<StoredEntry> renumbered = new ArrayList<>();
    long[] placeholder = new long[BitCode.wordsFor(index.bits())];
    for (int n : numbers) {
      stored.set(n);
      if (n >= savedSize) {
        while (index.size() < n) {
          index.delete(index.add(placeholder));
        }
        index.add(encoder.apply(document(store, n)));
        appended++;
      }
    }
    for (int n : numbers) {
      if (n < savedSize && !index.isLive(n)) {
        Document d = document(store, n);
        renumbered.add(new StoredEntry(index.add(encoder.apply(d)), d));
      }
    }
    if (!renumbered.isEmpty()) {
      store.add(renumbered); // replaces each document by id, under its new number
    }
    int dropped = 0;
    for (int id = 0; id < savedSize; id++) {
      if (index.isLive(id) && !stored.get(id)) {
        index.delete(id);
        dropped++;
      }
    }
    return new Outcome(appended, renumbered.size(), dropped);
  }

  private static Document document(LuceneDocumentStore store, int number) {
    return store.getByNumber(number)
        .orElseThrow(() -> new IllegalStateException("document number " + number + " vanished during recovery"))
        .document();
  }
}
