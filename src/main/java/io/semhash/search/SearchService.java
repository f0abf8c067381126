package io.semhash.search;

import io.semhash.backend.AddResult;
import io.semhash.corpus.Document;
import io.semhash.explain.BitReport;
import io.semhash.explain.MatchExplanation;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/**
 * The query pipeline behind the HTTP API and the {@code search} command: one object joining the
 * model (query encoding), the Hamming index (codes) and the document store (text, keyword search).
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Inputs arrive validated (k ≥ 1, offset ≥ 0, non-blank query, maxDistance ≥ 0); ranges
 *       are the caller's job, so the server can answer 400 with its own limits.
 *   <li>A request the service cannot answer in its present state (a semantic search, an encoding
 *       without a model) throws {@link ModelUnavailableException}; the server answers 409.
 *   <li>Input the service itself finds wrong (say, a document it cannot encode) throws {@link
 *       InvalidRequestException}; the server answers 400 with the message. Any other exception is
 *       a bug and becomes a 500 without details.
 *   <li>Unknown ids are not errors: {@link #document}, {@link #similar} answer empty and {@link
 *       #delete} false; the server answers 404.
 *   <li>All methods are safe to call from many threads at once.
 * </ul>
 */
public interface SearchService extends Closeable {

  /** The mode a request without one gets: semantic when a model is loaded, else keyword. */
  SearchMode defaultMode();

  /**
   * The re-ranks this service applies to semantic and hybrid searches; always holds {@link
   * Rerank#NONE}. A server's configured default is one of these ({@link #rerankOr}).
   */
  default List<Rerank> reranks() {
    return List.of(Rerank.NONE);
  }

  /**
   * {@code preferred} where this service applies it, else {@link Rerank#NONE}: how a configured
   * default (the server's {@code server.rerank}) meets a service that cannot apply it (no model).
   */
  default Rerank rerankOr(Rerank preferred) {
    return reranks().contains(preferred) ? preferred : Rerank.NONE;
  }

  /** One page of results for {@code request}. */
  SearchResponse search(SearchRequest request);

  /** The stored document with this id. */
  Optional<StoredDocument> document(String id);

  /**
   * The {@code k} nearest neighbours of the stored document {@code id}, itself excluded; the
   * response's code is that document's. Empty when {@code id} is not stored.
   */
  Optional<SearchResponse> similar(String id, int k);

  /** The code of a text, with per-bit probabilities. */
  EncodedText encode(String text);

  /**
   * Encodes and stores documents; a document whose id is stored already replaces it. Durable on
   * return.
   */
  AddResult add(List<Document> documents);

  /** Removes a document; false when no document has this id. Durable on return. */
  boolean delete(String id);

  /**
   * What each bit means, with at most {@code top} words per list, and the bits' health over the
   * stored documents. Needs a model: without one this throws {@link ModelUnavailableException}.
   */
  default BitReport bits(int top) {
    throw new ModelUnavailableException("bit meanings need a model; this service has none");
  }

  /**
   * Why the stored document {@code id} matches {@code query}: shared and differing bits, and the
   * document's words the shared bits predict. Empty when {@code id} is not stored; needs a model.
   */
  default Optional<MatchExplanation> explain(String query, String id) {
    throw new ModelUnavailableException("explanations need a model; this service has none");
  }

  /**
   * Why the stored documents {@code a} and {@code b} are close ({@code b} in the role of the
   * result). Empty when either is not stored; needs a model.
   */
  default Optional<MatchExplanation> explainPair(String a, String b) {
    throw new ModelUnavailableException("explanations need a model; this service has none");
  }

  /** Figures for {@code /api/stats}. */
  ServiceStats stats();

  /** Releases the index and store; later calls fail. */
  @Override
  void close();
}
