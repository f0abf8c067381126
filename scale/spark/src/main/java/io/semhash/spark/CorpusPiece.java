package io.semhash.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One task's part of the corpus: a byte range of a plain JSON Lines file, a whole gzipped JSON
 * Lines file or tar.gz archive, or some files of a folder tree.
 *
 * @param kind what the piece is
 * @param path the Hadoop path of the file (of the tree's root for {@link Kind#TREE_FILES})
 * @param start first byte of the range ({@link Kind#JSONL_RANGE})
 * @param end byte after the range; lines starting in [start, end) belong to the piece
 * @param firstNewlines newline bytes before {@code start}, from the counting pass, or -1 before it
 * @param files the tree files' relative paths, in the tree's reading order ({@link Kind#TREE_FILES})
 * @param firstFile position of the first of them in the whole tree
 */
record CorpusPiece(Kind kind, String path, long start, long end, long firstNewlines, List<String> files, int firstFile)
    implements Serializable {

  enum Kind { JSONL_RANGE, JSONL_GZ, TAR_GZ, TREE_FILES }

  CorpusPiece {
    files = List.copyOf(files);
  }

  CorpusPiece withNewlinesBefore(long newlines) {
    return new CorpusPiece(kind, path, start, end, newlines, files, firstFile);
  }
}
