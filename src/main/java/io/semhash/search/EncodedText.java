package io.semhash.search;

import io.semhash.codes.CodeSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A text's code.
 *
 * @param hex the code in {@code BitCode} hex form
 * @param bits the code length (stored bits)
 * @param code the code's type and shape: binary, or groups of classes
 * @param probabilities a binary code's per-bit probability that the bit is 1 (bit i is 1 exactly
 *     when probability i is above 0.5), {@code bits} values; null for a categorical code
 * @param classProbabilities a categorical code's probability of each class of each group, {@code
 *     [groups][classes]} (the code holds each group's most probable class); null for a binary code
 */
public record EncodedText(String hex, int bits, CodeSpec code, double[] probabilities, double[][] classProbabilities) {
  public EncodedText {
    Objects.requireNonNull(hex, "hex");
    Objects.requireNonNull(code, "code");
    if ((probabilities == null) == (classProbabilities == null)) {
      throw new IllegalArgumentException("expected per-bit or per-class probabilities, not both or neither");
    }
    if (probabilities != null) {
      probabilities = probabilities.clone();
      if (probabilities.length != bits) {
        throw new IllegalArgumentException("expected " + bits + " probabilities, got " + probabilities.length);
      }
    } else {
      classProbabilities = Arrays.stream(classProbabilities).map(double[]::clone).toArray(double[][]::new);
      if (classProbabilities.length != code.groups()) {
        throw new IllegalArgumentException("expected " + code.groups() + " groups of class probabilities, got "
            + classProbabilities.length);
      }
    }
  }

  @Override
  public double[] probabilities() {
    return probabilities == null ? null : probabilities.clone();
  }

  @Override
  public double[][] classProbabilities() {
    return classProbabilities == null ? null : Arrays.stream(classProbabilities).map(double[]::clone).toArray(double[][]::new);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedText e
        && hex.equals(e.hex) && bits == e.bits && code.equals(e.code) && Arrays.equals(probabilities, e.probabilities)
        && Arrays.deepEquals(classProbabilities, e.classProbabilities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hex, bits, code, Arrays.hashCode(probabilities), Arrays.deepHashCode(classProbabilities));
  }

  @Override
  public String toString() {
    return "EncodedText[hex=" + hex + ", bits=" + bits + ", code=" + code + "]";
  }
}
