package io.semhash.codes;

/**
 * The {@code code} object of a model or index manifest: {@code {"type": "binary" | "categorical",
 * "groups": m, "classes": C}}, the {@link CodeShape} as the files record it (docs/ARCHITECTURE.md,
 * "Categorical codes"). A manifest written before code shapes existed has none: its codes are
 * binary, one group per bit ({@link #shapeOf}).
 *
 * @param type {@value #BINARY} or {@value #CATEGORICAL}
 * @param groups number of symbols
 * @param classes classes per symbol (2 for binary codes)
 */
public record ManifestCode(String type, int groups, int classes) {

  /** The type of plain binary codes. */
  public static final String BINARY = "binary";

  /** The type of codes of groups of more than two classes. */
  public static final String CATEGORICAL = "categorical";

  /** How a manifest records {@code shape}. */
  public static ManifestCode of(CodeShape shape) {
    return new ManifestCode(shape.isBinary() ? BINARY : CATEGORICAL, shape.groups(), shape.classes());
  }

  /**
   * The shape a manifest records for codes of {@code bits} bits: {@code code}'s, or binary when
   * {@code code} is null (a manifest from before code shapes).
   *
   * @throws IllegalArgumentException naming the field and its allowed values when the type is
   *     unknown, the shape invalid, a binary code not two classes per bit, or the shape's length
   *     not {@code bits}
   */
  public static CodeShape shapeOf(ManifestCode code, int bits) {
    if (code == null) {
      return CodeShape.binary(bits);
    }
    if (!BINARY.equals(code.type) && !CATEGORICAL.equals(code.type)) {
      throw new IllegalArgumentException(
          "code.type '" + code.type + "' is not one of " + BINARY + ", " + CATEGORICAL);
    }
    CodeShape shape = new CodeShape(code.groups, code.classes);
    if (shape.isBinary() != BINARY.equals(code.type)) {
      throw new IllegalArgumentException("code.type '" + code.type + "' with " + code.classes + " classes: "
          + BINARY + " codes have 2 classes per group, " + CATEGORICAL + " codes 4 to 256");
    }
    if (shape.bits() != bits) {
      throw new IllegalArgumentException(
          "code of " + code.groups + " groups x " + code.classes + " classes takes " + shape.bits()
              + " bits, the manifest says bits = " + bits);
    }
    return shape;
  }
}
