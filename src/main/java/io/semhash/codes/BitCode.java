package io.semhash.codes;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An immutable binary code of {@code bits} bits, packed into {@code ceil(bits / 64)} longs.
 *
 * <p>Bit order (the project-wide contract, see docs/ARCHITECTURE.md): bit {@code i} of the code is bit
 * {@code i mod 64} of word {@code floor(i / 64)}; on disk the words are little-endian, so byte
 * {@code j} holds bits {@code 8j .. 8j+7}. Bits at positions {@code >= bits} in the last word are
 * always zero; every factory checks this so that Hamming distances never count padding.
 *
 * <p>The hex form ({@link #toHex()}, {@link #fromHex(String, int)}) writes the code's bytes in
 * that on-disk order, two lowercase hex digits per byte (high nibble first), {@code 2 *
 * ceil(bits / 8)} digits in all. It is what the API and files show to people.
 */
public final class BitCode {

  /** Smallest supported code length. */
  public static final int MIN_BITS = 8;

  /** Largest supported code length. */
  public static final int MAX_BITS = 1024;

  private final int bits;
  private final long[] words;

  private BitCode(int bits, long[] words) {
    this.bits = bits;
    this.words = words;
  }

  /**
   * Wraps a copy of {@code words} as a code of {@code bits} bits.
   *
   * @throws IllegalArgumentException if {@code bits} is outside [{@value #MIN_BITS}, {@value
   *     #MAX_BITS}], the word count is not {@code ceil(bits / 64)}, or padding bits are set
   */
  public static BitCode of(int bits, long... words) {
    checkBits(bits);
    checkWords(bits, words, 0, words.length);
    return new BitCode(bits, words.clone());
  }

  /**
   * The code with bit i set where {@code values[i] > 0}: how a model's logits or a projection's
   * dot products become a code ({@code values.length} bits).
   */
  public static BitCode fromPositive(float[] values) {
    checkBits(values.length);
    long[] w = new long[wordsFor(values.length)];
    for (int i = 0; i < values.length; i++) {
      if (values[i] > 0f) {
        w[i >>> 6] |= 1L << (i & 63);
      }
    }
    return new BitCode(values.length, w);
  }

  /** A code of {@code bits} bits, all zero. */
  public static BitCode zeros(int bits) {
    checkBits(bits);
    return new BitCode(bits, new long[wordsFor(bits)]);
  }

  /** A uniformly random code, for tests and benchmarks. */
  public static BitCode random(int bits, RandomGenerator random) {
    checkBits(bits);
    long[] w = new long[wordsFor(bits)];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextLong();
    }
    w[w.length - 1] &= lastWordMask(bits);
    return new BitCode(bits, w);
  }

  /**
   * Parses the hex form written by {@link #toHex()}.
   *
   * @throws IllegalArgumentException if the length is not {@code 2 * ceil(bits / 8)}, a character
   *     is not a hex digit, or a padding bit is set
   */
  public static BitCode fromHex(String hex, int bits) {
    checkBits(bits);
    int bytes = (bits + 7) >>> 3;
    if (hex.length() != 2 * bytes) {
      throw new IllegalArgumentException(
          "hex code of " + bits + " bits must have " + (2 * bytes) + " digits, got " + hex.length());
    }
    long[] w = new long[wordsFor(bits)];
    for (int j = 0; j < bytes; j++) {
      int hi = Character.digit(hex.charAt(2 * j), 16);
      int lo = Character.digit(hex.charAt(2 * j + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException(
            "not a hex digit at position " + (hi < 0 ? 2 * j : 2 * j + 1) + " of '" + hex + "'");
      }
      w[j >>> 3] |= (long) ((hi << 4) | lo) << ((j & 7) << 3);
    }
    checkWords(bits, w, 0, w.length);
    return new BitCode(bits, w);
  }

  /**
   * Reads a code from its bytes in the on-disk order ({@link #toBytes()}): byte {@code j} holds
   * bits {@code 8j .. 8j+7}. This is how a code travels as a binary value (a Solr docValues field).
   *
   * @throws IllegalArgumentException if {@code length} is not {@code ceil(bits / 8)} or a padding
   *     bit is set
   */
  public static BitCode fromBytes(int bits, byte[] bytes, int offset, int length) {
    checkBits(bits);
    int expected = (bits + 7) >>> 3;
    if (length != expected) {
      throw new IllegalArgumentException(
          "a code of " + bits + " bits has " + expected + " bytes, got " + length);
    }
    long[] w = new long[wordsFor(bits)];
    for (int j = 0; j < length; j++) {
      w[j >>> 3] |= (bytes[offset + j] & 0xFFL) << ((j & 7) << 3);
    }
    checkWords(bits, w, 0, w.length);
    return new BitCode(bits, w);
  }

  /**
   * Parses a string of '0' and '1' characters where character {@code i} is bit {@code i}; the
   * length is the number of bits. Convenient in tests.
   */
  public static BitCode fromBitString(String s) {
    int bits = s.length();
    checkBits(bits);
    long[] w = new long[wordsFor(bits)];
    for (int i = 0; i < bits; i++) {
      char c = s.charAt(i);
      if (c == '1') {
        w[i >>> 6] |= 1L << i;
      } else if (c != '0') {
        throw new IllegalArgumentException("bit string may hold only '0' and '1', got '" + c + "' at " + i);
      }
    }
    return new BitCode(bits, w);
  }

  /** Number of longs needed for a code of {@code bits} bits. */
  public static int wordsFor(int bits) {
    return (bits + 63) >>> 6;
  }

  /** Mask of the used bits of the last word of a {@code bits}-bit code. */
  public static long lastWordMask(int bits) {
    int r = bits & 63;
    return r == 0 ? -1L : (1L << r) - 1;
  }

  /**
   * Hamming distance between two packed codes of {@code words} longs each, at the given offsets.
   * This is the reference definition the indexes are tested against.
   */
  public static int distance(long[] a, int aOffset, long[] b, int bOffset, int words) {
    int d = 0;
    for (int i = 0; i < words; i++) {
      d += Long.bitCount(a[aOffset + i] ^ b[bOffset + i]);
    }
    return d;
  }

  /**
   * Checks that {@code bits} is a supported code length.
   *
   * @throws IllegalArgumentException naming the value and the allowed range
   */
  public static void checkBits(int bits) {
    if (bits < MIN_BITS || bits > MAX_BITS) {
      throw new IllegalArgumentException(
          "code length " + bits + " bits is outside the allowed range [" + MIN_BITS + ", " + MAX_BITS + "]");
    }
  }

  /**
   * Checks that {@code words[offset .. offset+length)} is a valid packed code of {@code bits} bits:
   * {@code length == ceil(bits / 64)} and no padding bit set.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void checkWords(int bits, long[] words, int offset, int length) {
    int expected = wordsFor(bits);
    if (length != expected) {
      throw new IllegalArgumentException(
          "a code of " + bits + " bits has " + expected + " words, got " + length);
    }
    long pad = words[offset + length - 1] & ~lastWordMask(bits);
    if (pad != 0) {
      throw new IllegalArgumentException(
          "code sets bit " + (64 * (length - 1) + Long.numberOfTrailingZeros(pad))
              + " beyond its length of " + bits + " bits");
    }
  }

  /** Code length in bits. */
  public int bits() {
    return bits;
  }

  /** Number of 64-bit words. */
  public int wordCount() {
    return words.length;
  }

  /** Word {@code i} (bits {@code 64i .. 64i+63}). */
  public long word(int i) {
    return words[i];
  }

  /** A copy of the packed words. */
  public long[] toWords() {
    return words.clone();
  }

  /** Copies the packed words into {@code dst} at {@code offset}. */
  public void copyTo(long[] dst, int offset) {
    System.arraycopy(words, 0, dst, offset, words.length);
  }

  /** Bit {@code i}. */
  public boolean get(int i) {
    Objects.checkIndex(i, bits);
    return (words[i >>> 6] & (1L << i)) != 0;
  }

  /** This code with bit {@code i} flipped. */
  public BitCode flip(int i) {
    Objects.checkIndex(i, bits);
    long[] w = words.clone();
    w[i >>> 6] ^= 1L << i;
    return new BitCode(bits, w);
  }

  /** Number of set bits. */
  public int cardinality() {
    int c = 0;
    for (long w : words) {
      c += Long.bitCount(w);
    }
    return c;
  }

  /**
   * Hamming distance to {@code other}.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public int distance(BitCode other) {
    if (other.bits != bits) {
      throw new IllegalArgumentException(
          "cannot compare a " + bits + "-bit code with a " + other.bits + "-bit code");
    }
    return distance(words, 0, other.words, 0, words.length);
  }

  /** The code's {@code ceil(bits / 8)} bytes in the on-disk order; the hex form spells these. */
  public byte[] toBytes() {
    byte[] out = new byte[(bits + 7) >>> 3];
    for (int j = 0; j < out.length; j++) {
      out[j] = (byte) (words[j >>> 3] >>> ((j & 7) << 3));
    }
    return out;
  }

  /** Hex form, bytes in on-disk (little-endian) order; see the class comment. */
  public String toHex() {
    int bytes = (bits + 7) >>> 3;
    StringBuilder sb = new StringBuilder(2 * bytes);
    for (int j = 0; j < bytes; j++) {
      int b = (int) (words[j >>> 3] >>> ((j & 7) << 3)) & 0xFF;
      sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 15, 16));
    }
    return sb.toString();
  }

  /** '0'/'1' string, character {@code i} = bit {@code i}. */
  public String toBitString() {
    StringBuilder sb = new StringBuilder(bits);
    for (int i = 0; i < bits; i++) {
      sb.append((words[i >>> 6] & (1L << i)) != 0 ? '1' : '0');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitCode c && c.bits == bits && Arrays.equals(c.words, words);
  }

  @Override
  public int hashCode() {
    return 31 * bits + Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "BitCode[" + bits + " bits, " + toHex() + "]";
  }
}
