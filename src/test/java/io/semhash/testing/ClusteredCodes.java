package io.semhash.testing;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import java.util.SplittableRandom;

/**
 * Synthetic codes with the structure of real ones for search benchmarks: random centres, each code
 * a few random flips from one, so near queries find true neighbours and many distances tie.
 */
public final class ClusteredCodes {
  private ClusteredCodes() {}

  /** {@code n} codes of {@code bits} bits around 1,000 random centres, 0–5 flips each, deterministic for {@code random}. */
  public static CodeArray generate(int n, int bits, SplittableRandom random) {
    BitCode[] centres = new BitCode[1000];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = BitCode.random(bits, random);
    }
    CodeArray codes = CodeArray.create(bits, n);
    for (int i = 0; i < n; i++) {
      BitCode code = centres[random.nextInt(centres.length)];
      for (int f = random.nextInt(6); f > 0; f--) {
        code = code.flip(random.nextInt(bits));
      }
      codes.add(code);
    }
    return codes;
  }
}
