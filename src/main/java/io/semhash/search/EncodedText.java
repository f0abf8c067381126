package io.semhash.search;

import java.util.Arrays;
import java.util.Objects;

/**
 * A text's code.
 *
 * @param hex the code in {@code BitCode} hex form
 * @param bits the code length
 * @param probabilities per bit, the encoder's probability that the bit is 1 (bit i is 1 exactly
 *     when probability i is above 0.5); {@code bits} values
 */
public record EncodedText(String hex, int bits, double[] probabilities) {
  public EncodedText {
    Objects.requireNonNull(hex, "hex");
    probabilities = probabilities.clone();
    if (probabilities.length != bits) {
      throw new IllegalArgumentException("expected " + bits + " probabilities, got " + probabilities.length);
    }
  }

  @Override
  public double[] probabilities() {
    return probabilities.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedText e
        && hex.equals(e.hex) && bits == e.bits && Arrays.equals(probabilities, e.probabilities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hex, bits, Arrays.hashCode(probabilities));
  }

  @Override
  public String toString() {
    return "EncodedText[hex=" + hex + ", bits=" + bits + "]";
  }
}
