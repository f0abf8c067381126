package io.semhash.backend;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Document;
import java.io.Closeable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the documents and their codes live: the query pipeline ({@code io.semhash.search}) asks
 * a backend for the nearest codes, keyword matches and stored documents, and hands it new
 * documents with their codes. The local index directory ({@code io.semhash.indexdir}) is the
 * first implementation; a distributed engine is another. A backend knows nothing of models or
 * text analysis beyond its own keyword search: codes arrive computed.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Ranking by distance is exact: Hamming distance for binary codes, symbol distance (groups
 *       whose classes differ) for categorical ones ({@link #shape()}); ties go to the document
 *       stored first, so a page is reproducible.
 *   <li>Each call sees one consistent state: every code it finds has its document.
 *   <li>{@link #put} and {@link #delete} are durable when they return.
 *   <li>Label filters are applied during the search, not after it: a page is full whenever enough
 *       documents carry one of the labels. An empty label collection means no filter.
 *   <li>Safe to call from many threads at once.
 * </ul>
 */
public interface SearchBackend extends Closeable {

  /** Length of the stored codes. */
  int bits();

  /** Shape of the stored codes; distances and radii count its groups (bits, for binary codes). */
  CodeShape shape();

  /** Documents stored. */
  long count();

  /** Documents per label, most frequent first. */
  Map<String, Long> labelCounts();

  /**
   * The documents ranked {@code offset .. offset + k - 1} by distance to {@code query};
   * the total is the number of documents the filter admits.
   */
  CodeMatches nearest(BitCode query, int offset, int k, Collection<String> labels);

  /**
   * Documents within distance {@code radius} (bits, or symbols) of {@code query}, ranked as {@link
   * #nearest}; the page is {@code offset .. offset + k - 1} and the total counts every document
   * within the radius.
   */
  CodeMatches within(BitCode query, int radius, int offset, int k, Collection<String> labels);

  /** One page of the BM25 ranking of {@code query}, with excerpts. */
  KeywordMatches keyword(String query, Collection<String> labels, int offset, int k);

  /** Plain-text excerpts of {@code texts} around the terms of {@code query}, one per text. */
  List<String> excerpts(List<String> texts, String query);

  /** The stored document with this id, and its code. */
  Optional<CodedDocument> get(String id);

  /**
   * Stores documents with their codes ({@code codes.get(i)} belongs to {@code documents.get(i)});
   * a stored id is replaced. Ids are unique within one call. Durable on return.
   */
  AddResult put(List<Document> documents, List<BitCode> codes);

  /** Removes a document; false when no document has this id. Durable on return. */
  boolean delete(String id);

  /** The codes of every stored document, in storage order: what the bit statistics are computed from. */
  List<BitCode> codes();

  /**
   * Calls {@code sink} with every stored document and its code, in storage order, a page at a
   * time (each page one consistent state, writes may land between pages): what the bits' word
   * contrast is counted on. Returns false, calling nothing, when a backend cannot walk its
   * documents; bit words are then read off the decoder alone.
   */
  default boolean forEachDocument(Consumer<CodedDocument> sink) {
    return false;
  }

  /** Releases the backend; later calls fail. */
  @Override
  void close();
}
