package io.semhash.index;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.SymbolDistance;
import java.nio.ByteBuffer;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable view of an index's codes at one moment: ids {@code [0, size)}, of which {@code [0,
 * mappedCount)} live in a memory-mapped region and {@code [mappedCount, size)} in a heap array.
 * The heap array grows by 1/8 at a time, so it never holds more than 1.125x the codes in it.
 * Writers never change anything a published snapshot can see: appends go past {@code size} (or
 * into a fresh, larger array), deletes replace the tombstone bitmap with a modified copy. Readers
 * that took a snapshot therefore see one consistent state for the whole query, with no locking.
 *
 * @param symbols the code shape's distance kernel (its shape: {@code symbols.shape()})
 * @param bits code length
 * @param wpc words per code
 * @param mapped little-endian codes of ids {@code [0, mappedCount)}, or null
 * @param mappedCount number of mapped codes
 * @param heap codes of ids {@code [mappedCount, size)}, flat
 * @param size number of ids assigned so far (deleted ones included)
 * @param deleted tombstones; never modified once published
 */
record Snapshot(
    SymbolDistance symbols, int bits, int wpc, ByteBuffer mapped, int mappedCount, long[] heap, int size, RoaringBitmap deleted) {

  /** The codes' shape. */
  CodeShape shape() {
    return symbols.shape();
  }

  /** Whether the codes are plain binary, measured by Hamming distance. */
  boolean binary() {
    return symbols.shape().isBinary();
  }

  /** Number of live (not deleted) codes. */
  int liveCount() {
    return size - deleted.getCardinality();
  }

  boolean isLive(int id) {
    return id >= 0 && id < size && !deleted.contains(id);
  }

  /** Word {@code w} of code {@code id}. */
  long word(int id, int w) {
    if (id < mappedCount) {
      return mapped.getLong((id * wpc + w) << 3);
    }
    return heap[(id - mappedCount) * wpc + w];
  }

  /** Distance between code {@code id} and {@code q}: Hamming for binary codes, else symbols. */
  int distance(int id, long[] q) {
    if (!binary()) {
      return symbolDistance(id, q);
    }
    int d = 0;
    if (id < mappedCount) {
      int base = (id * wpc) << 3;
      for (int w = 0; w < wpc; w++) {
        d += Long.bitCount(mapped.getLong(base + (w << 3)) ^ q[w]);
      }
    } else {
      int base = (id - mappedCount) * wpc;
      for (int w = 0; w < wpc; w++) {
        d += Long.bitCount(heap[base + w] ^ q[w]);
      }
    }
    return d;
  }

  private int symbolDistance(int id, long[] q) {
    if (id >= mappedCount) {
      return symbols.distance(heap, (id - mappedCount) * wpc, q, 0);
    }
    int base = (id * wpc) << 3;
    int d = 0;
    long x = mapped.getLong(base) ^ q[0];
    for (int w = 0; w < wpc; w++) {
      long next = w + 1 < wpc ? mapped.getLong(base + ((w + 1) << 3)) ^ q[w + 1] : 0L;
      d += symbols.differingGroups(x, next, w);
      x = next;
    }
    return d;
  }

  /** Code {@code id} as a {@link BitCode}. */
  BitCode code(int id) {
    long[] w = new long[wpc];
    for (int i = 0; i < wpc; i++) {
      w[i] = word(id, i);
    }
    return BitCode.of(bits, w);
  }
}
