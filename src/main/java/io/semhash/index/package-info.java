/**
 * Hamming-distance indexes over packed codes: the exact scan, multi-index hashing, the planner
 * that picks between them, k-NN and radius queries filtered by RoaringBitmaps during the search,
 * deletes as tombstones, the one top-k selection, and the {@code hamming/} files with their
 * checksums.
 *
 * <p>May use: {@code codes}, RoaringBitmap. Must not use: text, models, the store: an index takes
 * codes and gives ids, so it is tested against brute force and benchmarked alone.
 */
package io.semhash.index;
