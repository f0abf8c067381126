package io.semhash.index;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import java.io.IOException;
import java.nio.file.Path;
import org.roaringbitmap.RoaringBitmap;

/**
 * An exact Hamming-distance index over binary codes of one length, addressed by dense internal
 * int ids assigned in insertion order (0, 1, 2, ...). Mapping external document ids to these is
 * the caller's job.
 *
 * <p><b>Code shapes.</b> An index holds codes of one {@link CodeShape}, binary unless created with
 * another. For a categorical shape (m groups of C classes, log2 C bits each) the distance is the
 * symbol distance, the number of groups whose classes differ, and every distance, radius and
 * bound below is counted in symbols, in [0, m]; for the binary shape symbols are bits and the
 * distance is the Hamming distance. Codes are stored and passed packed as the shape lays them out
 * ({@link CodeShape}); the index checks their length, not what their bits mean: a caller holding
 * codes of another shape of the same length has to check the shape ({@link #shape()}).
 *
 * <p><b>Results.</b> {@link #knn} and {@link #radius} return exactly what a brute-force scan over
 * the live codes returns: hits sorted by (distance, id), so ties are broken by insertion order and
 * results are reproducible. A filter is a bitmap of allowed ids applied during the search (never
 * a post-filter that could return fewer than k hits when more exist); ids in the filter that are
 * deleted or not yet assigned are ignored.
 *
 * <p><b>Concurrency.</b> All methods are thread-safe. Writers (add, delete) are serialised; a
 * search works on an immutable snapshot taken when it starts and sees every write that completed
 * before it, none that started after, and never a partial one.
 *
 * <p><b>Limits.</b> {@code k} for k-NN is in [1, {@value #MAX_K}]; a radius is in [0, groups] ([0, bits] for binary codes); a
 * radius query's {@code limit} is in [1, {@link Integer#MAX_VALUE}]. Violations, and codes of the
 * wrong length, throw {@link IllegalArgumentException} naming the value and the allowed range.
 */
public interface HammingIndex {

  /** Largest k accepted by {@link #knn}. */
  int MAX_K = 100_000;

  /**
   * A new, empty index that picks the scan or multi-index hashing per query by cost (a {@link
   * MultiIndexHashingIndex} with automatic substrings).
   */
  static HammingIndex create(int bits) {
    return MultiIndexHashingIndex.create(bits);
  }

  /** As {@link #create(int)}, for codes of {@code shape}, searched by symbol distance. */
  static HammingIndex create(CodeShape shape) {
    return MultiIndexHashingIndex.create(shape, MultiIndexHashingIndex.Options.DEFAULT);
  }

  /** Loads an index saved with {@link #save}, reading the codes onto the heap. */
  static HammingIndex load(Path dir) throws IOException {
    return load(dir, false);
  }

  /**
   * Loads an index saved with {@link #save}; the kind (scan or MIH) is the one saved.
   *
   * @param mmap memory-map the code file instead of reading it onto the heap (codes added later
   *     go to the heap; the file must stay in place while the index is used)
   * @throws CorruptIndexException naming the file when a file is missing, truncated, of another
   *     format or version, or fails its checksum
   */
  static HammingIndex load(Path dir, boolean mmap) throws IOException {
    IndexFiles.Loaded loaded = IndexFiles.load(dir, mmap);
    if (loaded.kind().equals(MultiIndexHashingIndex.KIND)) {
      return MultiIndexHashingIndex.fromStore(loaded.store(), loaded.substrings());
    }
    return HammingScanIndex.fromStore(loaded.store());
  }

  /** Code length in bits. */
  int bits();

  /** The shape of the codes: binary, or groups of classes searched by symbol distance. */
  CodeShape shape();

  /** Number of ids assigned so far (deleted ones included); the next id to be assigned. */
  int size();

  /** Number of live (not deleted) codes. */
  int liveCount();

  /** Adds a code; returns its id. */
  int add(BitCode code);

  /** Adds a packed code of {@code ceil(bits / 64)} words; returns its id. */
  int add(long[] code);

  /** Adds every code of {@code codes}, in order; returns the id of the first (the ids are consecutive). */
  int addAll(CodeArray codes);

  /** Deletes {@code id}; false when it was never assigned or is already deleted. */
  boolean delete(int id);

  /** Deletes several ids at once (one snapshot); returns how many were live. */
  int deleteAll(int... ids);

  /** True when {@code id} is assigned and not deleted. */
  boolean isLive(int id);

  /** The stored code of {@code id} (also of a deleted id, until compaction). */
  BitCode code(int id);

  /** The {@code k} live codes nearest to {@code query} among those allowed by {@code filter} (null: all). */
  SearchResult knn(long[] query, int k, RoaringBitmap filter);

  /** See {@link #knn(long[], int, RoaringBitmap)}. */
  default SearchResult knn(BitCode query, int k, RoaringBitmap filter) {
    return knn(query.toWords(), k, filter);
  }

  /** Unfiltered {@link #knn(long[], int, RoaringBitmap)}. */
  default SearchResult knn(BitCode query, int k) {
    return knn(query.toWords(), k, null);
  }

  /**
   * Live codes within distance {@code r} (bits, or symbols for categorical codes) of {@code query} allowed by {@code filter} (null:
   * all), sorted by (distance, id); when more than {@code limit} qualify, the first {@code limit}
   * in that order.
   */
  SearchResult radius(long[] query, int r, RoaringBitmap filter, int limit);

  /** See {@link #radius(long[], int, RoaringBitmap, int)}. */
  default SearchResult radius(BitCode query, int r, RoaringBitmap filter, int limit) {
    return radius(query.toWords(), r, filter, limit);
  }

  /**
   * Saves the index into {@code dir} (created if needed): files are written under temporary names,
   * forced to disk and renamed, the manifest last, so a crash leaves the previous save or the new
   * one readable, never a mixture that loads.
   */
  void save(Path dir) throws IOException;

  /**
   * A new index of the same kind holding only the live codes, renumbered densely in the same
   * order, and the mapping from old ids to new ones (-1 for deleted ids). This index is left
   * unchanged, so searches in flight keep their ids; the caller swaps indexes and id maps together.
   */
  Compaction compact();

  /** Bytes held by the index: stored codes (heap and mapped), tombstones and any tables. */
  MemoryUsage memoryUsage();

  /**
   * Result of {@link #compact()}.
   *
   * @param index the compacted index
   * @param oldToNew new id of each old id, or -1 for a deleted one
   */
  record Compaction(HammingIndex index, int[] oldToNew) {}

  /**
   * Memory accounting.
   *
   * @param codeBytes bytes of code storage in use ({@code size * 8 * ceil(bits / 64)})
   * @param allocatedCodeBytes heap bytes allocated for codes plus mapped bytes
   * @param mappedBytes bytes of codes memory-mapped from a file
   * @param tombstoneBytes serialized size of the tombstone bitmap
   * @param tableBytes bytes of MIH tables (0 for a scan index)
   */
  record MemoryUsage(long codeBytes, long allocatedCodeBytes, long mappedBytes, long tombstoneBytes, long tableBytes) {}
}
