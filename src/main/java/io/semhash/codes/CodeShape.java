package io.semhash.codes;

/**
 * What the bits of a code mean: {@code groups} symbols, each one of {@code classes} classes,
 * stored as {@code log2(classes)} bits per group. A binary code of {@code n} bits is the shape
 * {@code (n, 2)}: every bit a group of its own.
 *
 * <p>Layout (the project-wide contract, see docs/ARCHITECTURE.md "Categorical codes"): with
 * {@code w = log2(classes)}, the class {@code c} of group {@code g} occupies code bits {@code g*w ..
 * g*w + w - 1} in {@link BitCode}'s bit order, bit {@code j} of {@code c} (least significant first)
 * at code bit {@code g*w + j}. When {@code w} does not divide 64 (8, 32, 64 or 128 classes), a
 * group may straddle two 64-bit words. The symbol distance of two codes is the number of groups whose
 * classes differ.
 *
 * @param groups number of symbols in a code, at least 1
 * @param classes classes per symbol: a power of two in [{@value #MIN_CLASSES}, {@value
 *     #MAX_CLASSES}]
 */
public record CodeShape(int groups, int classes) {

  /** Fewest classes per group: two, the binary code. */
  public static final int MIN_CLASSES = 2;

  /** Most classes per group: 256, one byte per symbol. */
  public static final int MAX_CLASSES = 256;

  /**
   * Checks the shape.
   *
   * @throws IllegalArgumentException naming the bad value and its allowed range: classes not a
   *     power of two in [2, 256], groups below 1, or a stored length outside [{@value
   *     BitCode#MIN_BITS}, {@value BitCode#MAX_BITS}] bits
   */
  public CodeShape {
    if (classes < MIN_CLASSES || classes > MAX_CLASSES || Integer.bitCount(classes) != 1) {
      throw new IllegalArgumentException(
          "classes must be a power of two in [" + MIN_CLASSES + ", " + MAX_CLASSES + "], got " + classes);
    }
    if (groups < 1) {
      throw new IllegalArgumentException("groups must be at least 1, got " + groups);
    }
    long bits = (long) groups * Integer.numberOfTrailingZeros(classes);
    if (bits < BitCode.MIN_BITS || bits > BitCode.MAX_BITS) {
      throw new IllegalArgumentException(
          groups + " groups of " + classes + " classes take " + bits + " bits; a code must take "
              + BitCode.MIN_BITS + ".." + BitCode.MAX_BITS + " bits");
    }
  }

  /**
   * The binary shape of {@code bits} bits: {@code bits} groups of two classes.
   *
   * @throws IllegalArgumentException naming the length and the allowed range ({@link
   *     BitCode#checkBits})
   */
  public static CodeShape binary(int bits) {
    BitCode.checkBits(bits);
    return new CodeShape(bits, MIN_CLASSES);
  }

  /**
   * The shape of codes of {@code bits} bits cut into groups of {@code classes} classes: {@code bits
   * / log2(classes)} groups.
   *
   * @throws IllegalArgumentException naming the value and its allowed range when {@code classes} is
   *     not a power of two in [2, 256], {@code bits} not a multiple of {@code log2(classes)}, or the
   *     length outside [{@value BitCode#MIN_BITS}, {@value BitCode#MAX_BITS}]
   */
  public static CodeShape ofBits(int bits, int classes) {
    if (classes < MIN_CLASSES || classes > MAX_CLASSES || Integer.bitCount(classes) != 1) {
      throw new IllegalArgumentException(
          "classes must be a power of two in [" + MIN_CLASSES + ", " + MAX_CLASSES + "], got " + classes);
    }
    int w = Integer.numberOfTrailingZeros(classes);
    if (bits % w != 0) {
      throw new IllegalArgumentException(bits + " bits do not split into groups of log2(" + classes + ") = " + w
          + " bits; the length must be a multiple of " + w);
    }
    return new CodeShape(bits / w, classes);
  }

  /** Whether this is a plain binary code (two classes per group). */
  public boolean isBinary() {
    return classes == MIN_CLASSES;
  }

  /** Bits per group, {@code log2(classes)}. */
  public int bitsPerGroup() {
    return Integer.numberOfTrailingZeros(classes);
  }

  /** Stored length of a code of this shape, in bits. */
  public int bits() {
    return groups * bitsPerGroup();
  }

  /** The class of group {@code group} in {@code code}. */
  public int classOf(BitCode code, int group) {
    checkCode(code);
    checkGroup(group);
    int w = bitsPerGroup();
    int c = 0;
    for (int j = 0; j < w; j++) {
      if (code.get(group * w + j)) {
        c |= 1 << j;
      }
    }
    return c;
  }

  /**
   * The code whose group {@code g} holds class {@code classes[g]}.
   *
   * @throws IllegalArgumentException if the array's length is not {@link #groups()} or a class is
   *     outside [0, classes)
   */
  public BitCode encode(int[] classOfGroup) {
    if (classOfGroup.length != groups) {
      throw new IllegalArgumentException(
          "expected one class for each of " + groups + " groups, got " + classOfGroup.length);
    }
    int w = bitsPerGroup();
    long[] words = new long[BitCode.wordsFor(bits())];
    for (int g = 0; g < groups; g++) {
      int c = classOfGroup[g];
      if (c < 0 || c >= classes) {
        throw new IllegalArgumentException(
            "class of group " + g + " must be in [0, " + classes + "), got " + c);
      }
      for (int j = 0; j < w; j++) {
        if ((c >>> j & 1) != 0) {
          int bit = g * w + j;
          words[bit >>> 6] |= 1L << (bit & 63);
        }
      }
    }
    return BitCode.of(bits(), words);
  }

  /** Length of the one-hot form, {@code groups * classes} bits. */
  public int oneHotBits() {
    return groups * classes;
  }

  /**
   * The one-hot form of {@code code}: bit {@code g * classes + c} set when group {@code g} holds
   * class {@code c}, one bit per (group, class), what a categorical model's decoder reads. Its
   * Hamming distance is twice the symbol distance; what is said of a bit of it (its on-rate, its
   * words) is said of a class of a group.
   *
   * @throws IllegalArgumentException if the form would be longer than {@value BitCode#MAX_BITS} bits
   */
  public BitCode oneHot(BitCode code) {
    checkCode(code);
    if (oneHotBits() > BitCode.MAX_BITS) {
      throw new IllegalArgumentException("the one-hot form of " + groups + " groups x " + classes + " classes takes "
          + oneHotBits() + " bits, more than " + BitCode.MAX_BITS);
    }
    long[] words = new long[BitCode.wordsFor(oneHotBits())];
    for (int g = 0; g < groups; g++) {
      int bit = g * classes + classOf(code, g);
      words[bit >>> 6] |= 1L << (bit & 63);
    }
    return BitCode.of(oneHotBits(), words);
  }

  /** The number of groups whose classes differ between {@code a} and {@code b}. */
  public int symbolDistance(BitCode a, BitCode b) {
    checkCode(a);
    checkCode(b);
    int distance = 0;
    for (int g = 0; g < groups; g++) {
      if (classOf(a, g) != classOf(b, g)) {
        distance++;
      }
    }
    return distance;
  }

  private void checkCode(BitCode code) {
    if (code.bits() != bits()) {
      throw new IllegalArgumentException(
          "a code of shape " + this + " has " + bits() + " bits, got " + code.bits());
    }
  }

  private void checkGroup(int group) {
    if (group < 0 || group >= groups) {
      throw new IllegalArgumentException("group must be in [0, " + groups + "), got " + group);
    }
  }

  /**
   * The shape in words, for messages: {@code "binary 64-bit"} or {@code "categorical 32 groups x
   * 4 classes (64 bits)"}.
   */
  public String description() {
    return isBinary()
        ? "binary " + bits() + "-bit"
        : "categorical " + groups + " groups x " + classes + " classes (" + bits() + " bits)";
  }

  @Override
  public String toString() {
    return groups + "x" + classes;
  }
}
