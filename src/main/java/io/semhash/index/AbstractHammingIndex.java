package io.semhash.index;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import java.io.IOException;
import java.nio.file.Path;
import org.roaringbitmap.RoaringBitmap;

/**
 * What both index kinds share: the code store, the write lock, argument checks, persistence and
 * compaction. A subclass publishes each new {@link Snapshot} (with whatever it derives from it)
 * through a volatile field and implements the search.
 */
abstract class AbstractHammingIndex implements HammingIndex {

  final Object writeLock = new Object();
  final CodeStore store;
  final CodeShape shape;
  final int bits;
  final int wpc;
  /** Largest distance between two codes: the number of groups (bits, for binary codes). */
  final int groups;

  AbstractHammingIndex(CodeStore store) {
    this.store = store;
    this.shape = store.shape;
    this.bits = store.bits;
    this.wpc = store.wpc;
    this.groups = shape.groups();
  }

  /** The current snapshot. */
  abstract Snapshot snapshot();

  /** Publishes a new snapshot; called under the write lock. {@code appended}: codes were added. */
  abstract void publish(Snapshot s, boolean appended);

  /** The kind written to the manifest. */
  abstract String kind();

  /** Substring count written to the manifest (0 for automatic or not applicable). */
  abstract int substringsOption();

  /** A new empty index of the same kind and options over {@code store}. */
  abstract AbstractHammingIndex sameKind(CodeStore store);

  /** Extra memory (tables). */
  abstract long tableBytes();

  @Override
  public final int bits() {
    return bits;
  }

  @Override
  public final CodeShape shape() {
    return shape;
  }

  @Override
  public final int size() {
    return snapshot().size();
  }

  @Override
  public final int liveCount() {
    return snapshot().liveCount();
  }

  @Override
  public final int add(BitCode code) {
    checkLength(code.bits());
    return add(code.toWords());
  }

  @Override
  public final int add(long[] code) {
    checkQuery(code);
    synchronized (writeLock) {
      int id = store.append(code);
      publish(store.snapshot(), true);
      return id;
    }
  }

  @Override
  public final int addAll(CodeArray codes) {
    checkLength(codes.bits());
    synchronized (writeLock) {
      int first = store.appendAll(codes.rawWords(), codes.size());
      publish(store.snapshot(), true);
      return first;
    }
  }

  @Override
  public final boolean delete(int id) {
    synchronized (writeLock) {
      boolean deleted = store.delete(id);
      if (deleted) {
        publish(store.snapshot(), false);
      }
      return deleted;
    }
  }

  @Override
  public final int deleteAll(int... ids) {
    synchronized (writeLock) {
      int n = store.deleteAll(ids);
      if (n > 0) {
        publish(store.snapshot(), false);
      }
      return n;
    }
  }

  @Override
  public final boolean isLive(int id) {
    return snapshot().isLive(id);
  }

  @Override
  public final BitCode code(int id) {
    Snapshot s = snapshot();
    if (id < 0 || id >= s.size()) {
      throw new IllegalArgumentException("id " + id + " is outside the assigned range [0, " + s.size() + ")");
    }
    return s.code(id);
  }

  @Override
  public final SearchResult knn(long[] query, int k, RoaringBitmap filter) {
    checkQuery(query);
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k = " + k + " is outside the allowed range [1, " + MAX_K + "]");
    }
    return search(snapshotForSearch(), query, k, groups, filter);
  }

  @Override
  public final SearchResult radius(long[] query, int r, RoaringBitmap filter, int limit) {
    checkQuery(query);
    if (r < 0 || r > groups) {
      throw new IllegalArgumentException("radius r = " + r + " is outside the allowed range [0, " + groups + "]"
          + (shape.isBinary() ? "" : " (symbols of a " + shape + " code)"));
    }
    if (limit < 1) {
      throw new IllegalArgumentException(
          "limit = " + limit + " is outside the allowed range [1, " + Integer.MAX_VALUE + "]");
    }
    return search(snapshotForSearch(), query, limit, r, filter);
  }

  /** Whatever state the subclass needs, read once from its volatile field. */
  abstract Object snapshotForSearch();

  /** Runs a query (k results at most, distance at most maxDistance) on a state from {@link #snapshotForSearch()}. */
  abstract SearchResult search(Object state, long[] query, int k, int maxDistance, RoaringBitmap filter);

  @Override
  public final void save(Path dir) throws IOException {
    IndexFiles.save(dir, kind(), substringsOption(), snapshot());
  }

  @Override
  public final Compaction compact() {
    Snapshot s = snapshot();
    int[] oldToNew = new int[s.size()];
    int live = s.liveCount();
    long[] words = new long[Math.multiplyExact(live, wpc)];
    int next = 0;
    for (int id = 0; id < s.size(); id++) {
      if (s.deleted().contains(id)) {
        oldToNew[id] = -1;
        continue;
      }
      for (int w = 0; w < wpc; w++) {
        words[next * wpc + w] = s.word(id, w);
      }
      oldToNew[id] = next++;
    }
    AbstractHammingIndex fresh = sameKind(new CodeStore(shape, null, 0, words, live, new RoaringBitmap()));
    return new Compaction(fresh, oldToNew);
  }

  @Override
  public final MemoryUsage memoryUsage() {
    Snapshot s = snapshot();
    long mapped = 8L * s.mappedCount() * wpc;
    return new MemoryUsage(
        8L * s.size() * wpc,
        mapped + 8L * s.heap().length,
        mapped,
        s.deleted().serializedSizeInBytes(),
        tableBytes());
  }

  final void checkLength(int codeBits) {
    if (codeBits != bits) {
      throw new IllegalArgumentException(
          "code has " + codeBits + " bits, this index holds " + bits + "-bit codes"
              + (shape.isBinary() ? "" : " (" + shape + ")"));
    }
  }

  final void checkQuery(long[] code) {
    BitCode.checkWords(bits, code, 0, code.length);
  }

  @Override
  public String toString() {
    Snapshot s = snapshot();
    return getClass().getSimpleName() + "[shape=" + shape + ", bits=" + bits + ", size=" + s.size() + ", live=" + s.liveCount() + "]";
  }
}
