package io.semhash.codes;

/**
 * The symbol distance of packed codes of one {@link CodeShape}, computed word by word without
 * unpacking a class: xor the codes, fold each group's {@code w = log2(classes)} bits into the
 * group's lowest bit (OR of the bit and the {@code w - 1} above it), keep the lowest bit of each
 * group, count. For the binary shape this is xor + popcount, the Hamming distance.
 *
 * <p>When {@code w} divides 64 (2, 4, 16 or 256 classes) every group lies inside one word and the
 * lowest bits form the same mask in every word. Otherwise (8, 32, 64 or 128 classes) a group may
 * start near the top of a word and end in the next: the fold then shifts in the low bits of the
 * next word's xor, and each word has its own mask of the groups that start in it. Padding bits
 * are zero in every valid code, so they never count.
 *
 * <p>{@link CodeShape#symbolDistance} is the reference definition, class by class; this is the
 * kernel the indexes and explanations use. Immutable and thread-safe.
 */
public final class SymbolDistance {

  private final CodeShape shape;
  private final int w;
  private final int wordsPerCode;
  private final boolean aligned;
  /** Per word: the bits at which a group starts. */
  private final long[] groupStarts;

  private SymbolDistance(CodeShape shape) {
    this.shape = shape;
    this.w = shape.bitsPerGroup();
    this.wordsPerCode = BitCode.wordsFor(shape.bits());
    this.aligned = 64 % w == 0;
    this.groupStarts = new long[wordsPerCode];
    for (int g = 0; g < shape.groups(); g++) {
      int bit = g * w;
      groupStarts[bit >>> 6] |= 1L << (bit & 63);
    }
  }

  /** The kernel of {@code shape}. */
  public static SymbolDistance of(CodeShape shape) {
    return new SymbolDistance(shape);
  }

  /** The shape whose distance this computes. */
  public CodeShape shape() {
    return shape;
  }

  /** Whether no group straddles two words ({@code log2(classes)} divides 64). */
  public boolean aligned() {
    return aligned;
  }

  /**
   * The groups that start in word {@code word} and differ, given that word's xor of two codes
   * and the next word's ({@code 0} after the last): the per-word step of {@link #distance}, for
   * callers that read words from storage other than a {@code long[]}.
   */
  public int differingGroups(long xor, long nextXor, int word) {
    if (aligned) {
      return Long.bitCount(foldAligned(xor) & groupStarts[word]);
    }
    long y = xor;
    for (int j = 1; j < w; j++) {
      y |= (xor >>> j) | (nextXor << (64 - j));
    }
    return Long.bitCount(y & groupStarts[word]);
  }

  /**
   * Symbol distance of the packed codes {@code a[aOffset ..]} and {@code b[bOffset ..]}, each
   * {@code ceil(bits / 64)} words; no checks beyond the arrays'.
   */
  public int distance(long[] a, int aOffset, long[] b, int bOffset) {
    int d = 0;
    if (aligned) {
      for (int i = 0; i < wordsPerCode; i++) {
        d += Long.bitCount(foldAligned(a[aOffset + i] ^ b[bOffset + i]) & groupStarts[i]);
      }
      return d;
    }
    long x = a[aOffset] ^ b[bOffset];
    for (int i = 0; i < wordsPerCode; i++) {
      long next = i + 1 < wordsPerCode ? a[aOffset + i + 1] ^ b[bOffset + i + 1] : 0L;
      d += differingGroups(x, next, i);
      x = next;
    }
    return d;
  }

  /**
   * Symbol distance of two codes of this shape.
   *
   * @throws IllegalArgumentException if a code's length is not the shape's
   */
  public int distance(BitCode a, BitCode b) {
    if (a.bits() != shape.bits() || b.bits() != shape.bits()) {
      throw new IllegalArgumentException("a code of shape " + shape + " has " + shape.bits() + " bits, got "
          + (a.bits() != shape.bits() ? a.bits() : b.bits()));
    }
    int d = 0;
    long x = a.word(0) ^ b.word(0);
    for (int i = 0; i < wordsPerCode; i++) {
      long next = i + 1 < wordsPerCode ? a.word(i + 1) ^ b.word(i + 1) : 0L;
      d += differingGroups(x, next, i);
      x = next;
    }
    return d;
  }

  /** Each group's OR of its bits at the group's lowest bit, for groups inside one word. */
  private long foldAligned(long x) {
    // Doubling: after the shift by s, bit p holds the OR of bits p .. p + 2s - 1.
    switch (w) {
      case 1:
        return x;
      case 2:
        return x | x >>> 1;
      case 4:
        x |= x >>> 1;
        return x | x >>> 2;
      default: // 8
        x |= x >>> 1;
        x |= x >>> 2;
        return x | x >>> 4;
    }
  }

  @Override
  public String toString() {
    return "SymbolDistance[" + shape + "]";
  }
}
