package io.semhash.search;

import io.semhash.backend.CodedDocument;
import io.semhash.backend.SearchBackend;
import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.explain.BitContrast;
import io.semhash.explain.BitHealth;
import io.semhash.explain.BitMeanings;
import io.semhash.explain.BitReport;
import io.semhash.explain.CodeFeatures;
import io.semhash.explain.Coherence;
import io.semhash.explain.ContrastedMeanings;
import io.semhash.explain.MatchExplanation;
import io.semhash.model.HashingModel;
import io.semhash.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The explanations a model-backed service gives: what each bit means, with the bits' health over
 * the stored codes, and why a document matches a query or another document. For a categorical
 * model the "bits" are its decoder's features, one per (group, class) ({@link CodeFeatures}).
 *
 * <p>Bit words are ranked by their {@link BitContrast} over the stored documents when the backend
 * can walk them, else by the decoder. The contrast is counted on first use (one analysis of every
 * stored document) and counted again once the number of stored documents has moved by more than
 * {@value #RECOUNT_SHARE} of it, not on every write: a few writes do not change what a bit means.
 */
final class Explanations {
  /** Share of the stored documents by which their number must move before the contrast is counted again. */
  static final double RECOUNT_SHARE = 0.1;

  private final HashingModel model;
  private final CodeFeatures features;
  private final SearchBackend backend;
  private volatile BitMeanings decoderMeanings;
  private volatile Counted meanings;

  /** Meanings, their coherence (null without a contrast) and the number of stored documents they were counted on. */
  private record Counted(long documents, BitMeanings meanings, Coherence coherence) {}

  Explanations(HashingModel model, SearchBackend backend) {
    this.model = model;
    this.features = CodeFeatures.of(model);
    this.backend = backend;
  }

  /** Meanings per bit, or per (group, class) of a categorical model (see {@link CodeFeatures}), and their health. */
  BitReport bits(int top) {
    Counted c = counted();
    BitHealth health = features.countable()
        ? BitHealth.of(features.count(), backend.codes().stream().map(features::of).toList())
        : null;
    return BitReport.of(c.meanings(), top, health, c.coherence());
  }

  Optional<MatchExplanation> explain(String query, String id) {
    requireCountable();
    BitCode code = model.code(query);
    return backend.get(id).map(d -> explanation(null, code, d));
  }

  Optional<MatchExplanation> explainPair(String a, String b) {
    requireCountable();
    Optional<CodedDocument> left = backend.get(a);
    Optional<CodedDocument> right = backend.get(b);
    if (left.isEmpty() || right.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(explanation(a, left.get().code(), right.get()));
  }

  private MatchExplanation explanation(String leftId, BitCode left, CodedDocument right) {
    Document d = right.document();
    return MatchExplanation.of(meanings(), model.vectorizer().vocabulary(), leftId, features.of(left), d.id(),
        features.of(right.code()), model.vectorizer().counts(d.fullText()));
  }

  private void requireCountable() {
    if (!features.countable()) {
      throw new ModelUnavailableException("this model's codes have " + features.shape().groups() + " groups x "
          + features.shape().classes() + " classes, more than " + BitCode.MAX_BITS
          + " (group, class) features to explain a match by");
    }
  }

  /** The bit meanings as shown: contrast-ranked over the stored documents where possible. */
  private BitMeanings meanings() {
    return counted().meanings();
  }

  private Counted counted() {
    Counted c = meanings;
    long now = backend.count();
    if (c == null || Math.abs(now - c.documents()) > RECOUNT_SHARE * c.documents()) {
      c = count(now);
    }
    return c;
  }

  private synchronized Counted count(long now) {
    Counted c = meanings;
    if (c != null && Math.abs(now - c.documents()) <= RECOUNT_SHARE * c.documents()) {
      return c; // another thread counted while this one waited
    }
    List<CodedDocument> stored = new ArrayList<>();
    BitMeanings decoder = decoderMeanings();
    BitMeanings shown = decoder;
    Coherence coherence = null;
    if (features.countable() && backend.forEachDocument(stored::add) && !stored.isEmpty()) {
      List<SparseVector> counts = stored.parallelStream()
          .map(d -> model.vectorizer().counts(d.document().fullText())).toList();
      List<BitCode> codes = stored.stream().map(d -> features.of(d.code())).toList();
      ContrastedMeanings ranked = ContrastedMeanings.of(decoder, model.vectorizer().vocabulary(), codes, counts,
          BitContrast.Options.DEFAULT, counts);
      shown = ranked.meanings();
      coherence = ranked.coherence();
    }
    c = new Counted(now, shown, coherence);
    meanings = c;
    return c;
  }

  /** The model's decoder meanings, computed on first use (see {@link BitMeanings} for why not stored). */
  private BitMeanings decoderMeanings() {
    BitMeanings m = decoderMeanings;
    if (m == null) {
      m = BitMeanings.of(model.weights(), model.vectorizer().vocabulary());
      decoderMeanings = m;
    }
    return m;
  }
}
