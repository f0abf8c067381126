package io.semhash.codes;

/**
 * The code a model makes, and how its encoder's logits become that code.
 *
 * <ul>
 *   <li>{@value #BINARY}: one logit η_i per bit, bit i = 1[η_i &gt; 0], class probabilities
 *       (1 − σ(η_i), σ(η_i)); the shape is {@code (bits, 2)}.
 *   <li>{@value #CATEGORICAL}: {@code groups} blocks of {@code classes} logits, group g's block at
 *       logits {@code g·C .. g·C + C − 1}; the code holds the arg-max class of each group (the
 *       lowest class on a tie), laid out as {@link CodeShape} says, and the class probabilities
 *       are the softmax of each block. With two classes this is the binary code reparameterised
 *       (η = η₁ − η₀), with twice the logits.
 * </ul>
 *
 * The {@code "code": {"type", "groups", "classes"}} object of the manifests
 * (docs/ARCHITECTURE.md, "Categorical codes"): the model manifest's training options record the
 * code the model makes, an index manifest ({@code index.json}) the code its Hamming index holds. A
 * manifest written before categorical codes has none and is binary, one group per bit ({@link
 * #shapeOf}).
 *
 * @param type {@value #BINARY} or {@value #CATEGORICAL}
 * @param groups symbols per code (bits, for a binary code)
 * @param classes classes per symbol: 2 for a binary code, a power of two in [2, 256] otherwise
 */
public record CodeSpec(String type, int groups, int classes) {
  public static final String BINARY = "binary";
  public static final String CATEGORICAL = "categorical";

  public CodeSpec {
    if (!BINARY.equals(type) && !CATEGORICAL.equals(type)) {
      throw new IllegalArgumentException("code must be one of [" + BINARY + ", " + CATEGORICAL + "], got '" + type + "'");
    }
    if (BINARY.equals(type) && classes != CodeShape.MIN_CLASSES) {
      throw new IllegalArgumentException("a binary code has 2 classes per group, got " + classes
          + " (use code " + CATEGORICAL + " for more)");
    }
    new CodeShape(groups, classes); // checks classes, groups and the stored length
  }

  /** The binary code of {@code bits} bits. */
  public static CodeSpec binary(int bits) {
    BitCode.checkBits(bits);
    return new CodeSpec(BINARY, bits, CodeShape.MIN_CLASSES);
  }

  /** A categorical code of {@code groups} symbols of {@code classes} classes. */
  public static CodeSpec categorical(int groups, int classes) {
    return new CodeSpec(CATEGORICAL, groups, classes);
  }

  /** The code of {@code shape}: binary for two classes per group, else categorical. */
  public static CodeSpec of(CodeShape shape) {
    return shape.isBinary() ? binary(shape.bits()) : categorical(shape.groups(), shape.classes());
  }

  /**
   * The shape a manifest records for codes of {@code bits} bits: {@code code}'s, or binary when
   * {@code code} is null (a manifest from before code shapes).
   *
   * @throws IllegalArgumentException when the shape's length is not {@code bits}, naming both
   */
  public static CodeShape shapeOf(CodeSpec code, int bits) {
    if (code == null) {
      return CodeShape.binary(bits);
    }
    if (code.bits() != bits) {
      throw new IllegalArgumentException("code of " + code.groups + " groups x " + code.classes + " classes takes "
          + code.bits() + " bits, the manifest says bits = " + bits);
    }
    return code.shape();
  }

  /**
   * The code the options {@code --code TYPE --bits B --groups M --classes C} ask for: binary takes
   * the bits alone (groups and classes are those of a categorical code); categorical takes {@code
   * groups} when positive (it must then store {@code bits} bits), else {@code bits / log2(classes)}
   * groups.
   *
   * @throws IllegalArgumentException naming the options that do not fit together
   */
  public static CodeSpec of(String type, int bits, int groups, int classes) {
    if (BINARY.equals(type)) {
      return binary(bits);
    }
    if (!CATEGORICAL.equals(type)) {
      throw new IllegalArgumentException("code must be one of [" + BINARY + ", " + CATEGORICAL + "], got '" + type + "'");
    }
    if (classes < CodeShape.MIN_CLASSES || classes > CodeShape.MAX_CLASSES || Integer.bitCount(classes) != 1) {
      throw new IllegalArgumentException("classes must be a power of two in [" + CodeShape.MIN_CLASSES + ", "
          + CodeShape.MAX_CLASSES + "], got " + classes);
    }
    int w = Integer.numberOfTrailingZeros(classes);
    if (groups < 0) {
      throw new IllegalArgumentException("groups must be >= 0 (0: bits / log2 classes), got " + groups);
    }
    if (groups == 0) {
      if (bits % w != 0) {
        throw new IllegalArgumentException(bits + " bits do not split into groups of log2(" + classes + ") = " + w
            + " bits; give --groups or a multiple of " + w + " bits");
      }
      return categorical(bits / w, classes);
    }
    if ((long) groups * w != bits) {
      throw new IllegalArgumentException(groups + " groups of " + classes + " classes store " + (long) groups * w
          + " bits, but bits is " + bits + "; give --bits " + (long) groups * w + " or leave groups at 0");
    }
    return categorical(groups, classes);
  }

  /** Whether the code is categorical (even with two classes: the logits come in pairs). */
  public boolean categorical() {
    return CATEGORICAL.equals(type);
  }

  /** The code's shape: groups × classes. */
  public CodeShape shape() {
    return new CodeShape(groups, classes);
  }

  /** Stored length of a code, in bits. */
  public int bits() {
    return shape().bits();
  }

  /** How many logits the encoder gives: one per bit, or one per class of each group. */
  public int logits() {
    return categorical() ? groups * classes : groups;
  }

  /** The code of these logits: the sign of each, or the arg-max class of each group. */
  public BitCode code(float[] eta) {
    checkLength(eta);
    if (!categorical()) {
      return BitCode.fromPositive(eta);
    }
    int[] classOf = new int[groups];
    for (int g = 0; g < groups; g++) {
      int from = g * classes;
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (eta[from + c] > eta[from + best]) {
          best = c;
        }
      }
      classOf[g] = best;
    }
    return shape().encode(classOf);
  }

  /**
   * The probability of each class of each group, {@code [groups][classes]}: a softmax per group
   * (for a binary code, (1 − σ(η_i), σ(η_i)) per bit).
   */
  public float[][] classProbabilities(float[] eta) {
    checkLength(eta);
    float[][] p = new float[groups][classes];
    if (!categorical()) {
      for (int i = 0; i < groups; i++) {
        double on = 1.0 / (1.0 + Math.exp(-eta[i]));
        p[i][0] = (float) (1.0 - on);
        p[i][1] = (float) on;
      }
      return p;
    }
    for (int g = 0; g < groups; g++) {
      int from = g * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, eta[from + c]);
      }
      double sum = 0;
      double[] e = new double[classes];
      for (int c = 0; c < classes; c++) {
        e[c] = Math.exp(eta[from + c] - max);
        sum += e[c];
      }
      for (int c = 0; c < classes; c++) {
        p[g][c] = (float) (e[c] / sum);
      }
    }
    return p;
  }

  private void checkLength(float[] eta) {
    if (eta.length != logits()) {
      throw new IllegalArgumentException("a " + this + " code takes " + logits() + " logits, got " + eta.length);
    }
  }

  @Override
  public String toString() {
    return categorical() ? type + " " + shape() : type + " " + groups + " bits";
  }
}
