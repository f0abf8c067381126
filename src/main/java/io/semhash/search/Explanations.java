package io.semhash.search;

import io.semhash.backend.CodedDocument;
import io.semhash.backend.SearchBackend;
import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.explain.BitHealth;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.BitReport;
import io.semhash.explain.MatchExplanation;
import io.semhash.model.HashingModel;
import java.util.Optional;

/**
 * The explanations a model-backed service gives: what each bit means, with the bits' health over
 * the stored codes, and why a document matches a query or another document.
 */
final class Explanations {
  private final HashingModel model;
  private final SearchBackend backend;
  private volatile BitMeanings meanings;

  Explanations(HashingModel model, SearchBackend backend) {
    this.model = model;
    this.backend = backend;
  }

  BitReport bits(int top) {
    return BitReport.of(meanings(), top, BitHealth.of(model.bits(), backend.codes()));
  }

  Optional<MatchExplanation> explain(String query, String id) {
    BitCode code = model.code(query);
    return backend.get(id).map(d -> explanation(null, code, d));
  }

  Optional<MatchExplanation> explainPair(String a, String b) {
    Optional<CodedDocument> left = backend.get(a);
    Optional<CodedDocument> right = backend.get(b);
    if (left.isEmpty() || right.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(explanation(a, left.get().code(), right.get()));
  }

  private MatchExplanation explanation(String leftId, BitCode left, CodedDocument right) {
    Document d = right.document();
    return MatchExplanation.of(meanings(), model.vectorizer().vocabulary(), leftId, left, d.id(), right.code(),
        model.vectorizer().counts(d.fullText()));
  }

  /** The model's bit meanings, computed on first use (see {@link BitMeanings} for why not stored). */
  private BitMeanings meanings() {
    BitMeanings m = meanings;
    if (m == null) {
      m = BitMeanings.of(model.weights(), model.vectorizer().vocabulary());
      meanings = m;
    }
    return m;
  }
}
