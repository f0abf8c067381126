package io.semhash.backend;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.corpus.Document;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

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
 *       whose classes differ) for categorical ones ({@link #shape()}); ties go in a stable order
 *       the implementation documents (the local index: the document stored first; SolrCloud:
 *       ascending id), so a page is reproducible.
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

  /**
   * The first {@code depth} documents by distance to {@code query} ({@link #nearest}, or {@link
   * #within} {@code radius} when it is not null), put in the order {@code order} gives their codes
   * (positions, best first), paged {@code offset .. offset + k - 1}; the total is as {@link
   * #nearest}'s or {@link #within}'s. A re-rank of the first Hamming candidates by something the
   * search package computes from the query (its likelihood of each code, say).
   *
   * <p>This default reads every candidate's document; an implementation whose codes can be read
   * without their documents reads only the page's.
   */
  default CodeMatches reordered(BitCode query, Integer radius, int depth, int offset, int k, Collection<String> labels,
      Function<List<BitCode>, int[]> order) {
    CodeMatches candidates = radius == null
        ? nearest(query, 0, depth, labels)
        : within(query, radius, 0, depth, labels);
    int[] o = order.apply(candidates.matches().stream().map(CodeMatch::code).toList());
    List<CodeMatch> page = new ArrayList<>();
    for (int i = offset; i < Math.min(o.length, (long) offset + k); i++) {
      page.add(candidates.matches().get(o[i]));
    }
    return new CodeMatches(candidates.total(), page);
  }

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
