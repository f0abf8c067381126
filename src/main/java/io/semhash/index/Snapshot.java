package io.semhash.index;

import io.semhash.codes.BitCode;
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
 * @param bits code length
 * @param wpc words per code
 * @param mapped little-endian codes of ids {@code [0, mappedCount)}, or null
 * @param mappedCount number of mapped codes
 * @param heap codes of ids {@code [mappedCount, size)}, flat
 * @param size number of ids assigned so far (deleted ones included)
 * @param deleted tombstones; never modified once published
 */
record Snapshot(
    int bits, int wpc, ByteBuffer mapped, int mappedCount, long[] heap, int size, RoaringBitmap deleted) {

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

  /** Hamming distance between code {@code id} and {@code q}. */
  int distance(int id, long[] q) {
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

  /** Code {@code id} as a {@link BitCode}. */
  BitCode code(int id) {
    long[] w = new long[wpc];
    for (int i = 0; i < wpc; i++) {
      w[i] = word(id, i);
    }
    return BitCode.of(bits, w);
  }
}
