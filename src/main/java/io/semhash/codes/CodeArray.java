package io.semhash.codes;

import java.util.Arrays;

/**
 * A growable list of codes of one length, stored flat in a single {@code long[]} (code {@code i}
 * occupies words {@code [i * wordsPerCode, (i + 1) * wordsPerCode)}), so that a million codes are
 * one array rather than a million objects. This is the batch form in which an encoder hands codes
 * to an index.
 *
 * <p>Not thread-safe; the index takes a copy.
 */
public final class CodeArray {

  private final int bits;
  private final int wordsPerCode;
  private long[] words;
  private int size;

  private CodeArray(int bits, long[] words, int size) {
    this.bits = bits;
    this.wordsPerCode = BitCode.wordsFor(bits);
    this.words = words;
    this.size = size;
  }

  /** An empty array for codes of {@code bits} bits, with room for {@code capacity} codes. */
  public static CodeArray create(int bits, int capacity) {
    BitCode.checkBits(bits);
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    return new CodeArray(bits, new long[Math.multiplyExact(capacity, BitCode.wordsFor(bits))], 0);
  }

  /**
   * Wraps (without copying) the first {@code count} codes of a flat word array.
   *
   * @throws IllegalArgumentException if the array is too short or a code sets padding bits
   */
  public static CodeArray wrap(int bits, long[] words, int count) {
    BitCode.checkBits(bits);
    int wpc = BitCode.wordsFor(bits);
    if (count < 0 || (long) count * wpc > words.length) {
      throw new IllegalArgumentException(
          "count " + count + " is outside [0, " + (words.length / wpc) + "] for an array of "
              + words.length + " words");
    }
    for (int i = 0; i < count; i++) {
      BitCode.checkWords(bits, words, i * wpc, wpc);
    }
    return new CodeArray(bits, words, count);
  }

  /** Appends {@code code}; returns its position. */
  public int add(BitCode code) {
    checkLength(code.bits());
    ensureCapacity(size + 1);
    code.copyTo(words, size * wordsPerCode);
    return size++;
  }

  /** Appends a packed code; returns its position. */
  public int add(long[] code) {
    BitCode.checkWords(bits, code, 0, code.length);
    ensureCapacity(size + 1);
    System.arraycopy(code, 0, words, size * wordsPerCode, wordsPerCode);
    return size++;
  }

  /** Code {@code i}. */
  public BitCode get(int i) {
    java.util.Objects.checkIndex(i, size);
    return BitCode.of(bits, Arrays.copyOfRange(words, i * wordsPerCode, (i + 1) * wordsPerCode));
  }

  /** Word {@code w} of code {@code i}, without bounds checks beyond the array's. */
  public long word(int i, int w) {
    return words[i * wordsPerCode + w];
  }

  /** Hamming distance between code {@code i} and the packed {@code query}. */
  public int distance(int i, long[] query) {
    return BitCode.distance(words, i * wordsPerCode, query, 0, wordsPerCode);
  }

  /** Code length in bits. */
  public int bits() {
    return bits;
  }

  /** Words per code, {@code ceil(bits / 64)}. */
  public int wordsPerCode() {
    return wordsPerCode;
  }

  /** Number of codes. */
  public int size() {
    return size;
  }

  /**
   * The backing array (not a copy); only the first {@code size() * wordsPerCode()} words are
   * meaningful. Exposed so that indexes and benchmarks can bulk-copy without per-code calls.
   */
  public long[] rawWords() {
    return words;
  }

  private void checkLength(int codeBits) {
    if (codeBits != bits) {
      throw new IllegalArgumentException(
          "code has " + codeBits + " bits, this array holds " + bits + "-bit codes");
    }
  }

  private void ensureCapacity(int codes) {
    long need = (long) codes * wordsPerCode;
    if (need > words.length) {
      long grown = Math.max(need, Math.max(16L, (long) words.length + (words.length >> 1)));
      if (grown > Integer.MAX_VALUE - 16) {
        if (need > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("code array full: " + codes + " codes of " + bits + " bits");
        }
        grown = need;
      }
      words = Arrays.copyOf(words, (int) grown);
    }
  }
}
