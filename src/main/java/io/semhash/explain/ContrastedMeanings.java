package io.semhash.explain;

import io.semhash.codes.BitCode;
import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import java.util.List;

/**
 * A model's bit meanings with each bit's words ranked by their {@link BitContrast} over a set of
 * documents, and the NPMI {@link Coherence} of the lists: what {@code semhash bits}, {@code
 * /api/bits}, an index build and {@code semhash eval} all show, made one way.
 *
 * @param meanings the decoder's meanings {@linkplain BitMeanings#rankedBy ranked by} the contrast
 * @param coherence the coherence of the decoder's lists, the contrast's and random frequent words
 */
public record ContrastedMeanings(BitMeanings meanings, Coherence coherence) {
  /**
   * Contrasts over the documents of {@code codes} and {@code counts} (aligned), coherence scored
   * over {@code scoredOn}: the same documents, or held-out ones.
   */
  public static ContrastedMeanings of(BitMeanings decoder, Vocabulary vocabulary, List<BitCode> codes,
      List<SparseVector> counts, BitContrast.Options options, List<SparseVector> scoredOn) {
    BitContrast contrast = BitContrast.of(decoder.bits(), vocabulary, codes, counts, options);
    BitMeanings ranked = decoder.rankedBy(contrast);
    return new ContrastedMeanings(ranked, Coherence.of(decoder, ranked, contrast, scoredOn, vocabulary));
  }
}
