package io.semhash.explain;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.model.HashingModel;

/**
 * What a model's decoder reads of a code, and so what bit meanings, bit health and word contrast
 * are counted on: the bits of a binary code; for a categorical code its one-hot form ({@link
 * CodeShape#oneHot}), one feature per (group, class), feature {@code g * C + c} being "group g
 * holds class c". The meanings of a categorical model are therefore the top words of each class
 * of each group, and a class no document holds is reported as a dead feature.
 *
 * <p>The one-hot form is at most {@value BitCode#MAX_BITS} features; a categorical model with
 * more (groups × classes above that, as 8 × 256) has decoder meanings but no per-document
 * explanation ({@link #countable()}).
 */
public final class CodeFeatures {
  private final CodeShape shape;
  private final boolean oneHot;
  private final int features;

  private CodeFeatures(CodeShape shape, boolean oneHot) {
    this.shape = shape;
    this.oneHot = oneHot;
    this.features = oneHot ? shape.oneHotBits() : shape.bits();
  }

  /** The features of {@code model}'s codes. */
  public static CodeFeatures of(HashingModel model) {
    return new CodeFeatures(model.codeShape(), model.codeSpec().categorical());
  }

  /** Number of features: the decoder's input width. */
  public int count() {
    return features;
  }

  /** Whether codes can be turned into features here (the one-hot form fits a code). */
  public boolean countable() {
    return features <= BitCode.MAX_BITS;
  }

  /** Whether the features are the one-hot classes of a categorical code. */
  public boolean oneHot() {
    return oneHot;
  }

  /** The shape of the codes. */
  public CodeShape shape() {
    return shape;
  }

  /**
   * The features of {@code code}, as a code of {@link #count()} bits.
   *
   * @throws IllegalStateException when not {@link #countable()}, naming the sizes
   */
  public BitCode of(BitCode code) {
    if (!oneHot) {
      return code;
    }
    if (!countable()) {
      throw new IllegalStateException("explanations of this model's codes need one feature per class of a group, "
          + shape.groups() + " x " + shape.classes() + " = " + features + ", more than " + BitCode.MAX_BITS);
    }
    return shape.oneHot(code);
  }
}
