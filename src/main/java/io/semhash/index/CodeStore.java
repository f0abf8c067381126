package io.semhash.index;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.SymbolDistance;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * The mutable side of an index's code storage: a flat heap array that grows by copying, an
 * optional read-only memory-mapped prefix, and tombstones. Every mutation returns a new {@link
 * Snapshot}; the owning index publishes it through a volatile field. Callers hold the index's
 * write lock; this class does no locking of its own.
 */
final class CodeStore {

  final CodeShape shape;
  final SymbolDistance symbols;
  final int bits;
  final int wpc;
  private final ByteBuffer mapped;
  private final int mappedCount;
  private long[] heap;
  private int size;
  private RoaringBitmap deleted;

  CodeStore(CodeShape shape) {
    this(shape, null, 0, new long[0], 0, new RoaringBitmap());
  }

  CodeStore(CodeShape shape, ByteBuffer mapped, int mappedCount, long[] heap, int size, RoaringBitmap deleted) {
    this.shape = shape;
    this.symbols = SymbolDistance.of(shape);
    this.bits = shape.bits();
    this.wpc = BitCode.wordsFor(bits);
    this.mapped = mapped;
    this.mappedCount = mappedCount;
    this.heap = heap;
    this.size = size;
    this.deleted = deleted;
  }

  Snapshot snapshot() {
    return new Snapshot(symbols, bits, wpc, mapped, mappedCount, heap, size, deleted);
  }

  /** Appends one validated code and returns its id. */
  int append(long[] code) {
    BitCode.checkWords(bits, code, 0, code.length);
    ensureCapacity(size + 1);
    System.arraycopy(code, 0, heap, (size - mappedCount) * wpc, wpc);
    return size++;
  }

  /** Appends {@code count} flat codes; returns the first id (ids are consecutive). */
  int appendAll(long[] words, int count) {
    if (count < 0 || (long) count * wpc > words.length) {
      throw new IllegalArgumentException(
          "count " + count + " is outside [0, " + (words.length / wpc) + "] for " + words.length + " words");
    }
    for (int i = 0; i < count; i++) {
      BitCode.checkWords(bits, words, i * wpc, wpc);
    }
    ensureCapacity((long) size + count);
    System.arraycopy(words, 0, heap, (size - mappedCount) * wpc, count * wpc);
    int first = size;
    size += count;
    return first;
  }

  /** Marks {@code id} deleted; false if it is unknown or already deleted. */
  boolean delete(int id) {
    if (id < 0 || id >= size || deleted.contains(id)) {
      return false;
    }
    RoaringBitmap copy = deleted.clone();
    copy.add(id);
    copy.runOptimize();
    deleted = copy;
    return true;
  }

  /** Marks many ids deleted in one copy; returns how many were live before. */
  int deleteAll(int[] ids) {
    RoaringBitmap copy = deleted.clone();
    int n = 0;
    for (int id : ids) {
      if (id >= 0 && id < size && copy.checkedAdd(id)) {
        n++;
      }
    }
    if (n > 0) {
      copy.runOptimize();
      deleted = copy;
    }
    return n;
  }

  int size() {
    return size;
  }

  private void ensureCapacity(long codes) {
    long need = (codes - mappedCount) * wpc;
    if (need > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException(
          "index full: " + codes + " codes of " + bits + " bits exceed one Java array");
    }
    if (need > heap.length) {
      long grown = Math.min(Integer.MAX_VALUE - 16, Math.max(need, Math.max(64, heap.length + (heap.length >> 3))));
      heap = Arrays.copyOf(heap, (int) grown);
    }
  }
}
