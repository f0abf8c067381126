package io.semhash.explain;

import java.util.List;

/**
 * What {@code /api/bits} and {@code semhash bits --json} show: every bit's meaning and, where a
 * corpus is at hand, the bits' health over it.
 *
 * @param bits code length
 * @param context the value the other bits are held at when a bit's meaning is read
 * @param rank how the words are ranked: {@code contrast} over the stored documents (or the
 *     corpus given), or {@code decoder} from the model alone
 * @param meanings per bit, in order, with at most the requested number of words per list
 * @param health on-rates, correlations, dead and redundant bits over the stored documents; null
 *     when no codes are at hand
 * @param coherence NPMI coherence of the bits' top words (decoder, contrast, random baseline) over
 *     the documents the contrast was counted on; null when ranked by the decoder
 */
public record BitReport(
    int bits, double context, BitMeanings.Rank rank, List<BitMeaning> meanings, BitHealth health, Coherence coherence) {
  public BitReport {
    meanings = List.copyOf(meanings);
  }

  /** The report of {@code meanings} with {@code top} words per list. */
  public static BitReport of(BitMeanings meanings, int top, BitHealth health, Coherence coherence) {
    return new BitReport(meanings.bits(), BitMeanings.CONTEXT, meanings.rank(), meanings.top(top), health, coherence);
  }
}
