package io.semhash.testing;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

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

  /**
   * {@code n} query codes of {@code bits} bits: random ones when {@code far} (no stored code near,
   * so an index scans), else stored codes ({@code stored} of an id below {@code size}) with 0–3
   * random flips, the queries of a user looking for documents like one of the collection's.
   */
  public static List<BitCode> queries(int n, int bits, boolean far, int size, IntFunction<BitCode> stored,
      SplittableRandom random) {
    List<BitCode> qs = new ArrayList<>();
    for (int q = 0; q < n; q++) {
      if (far) {
        qs.add(BitCode.random(bits, random));
        continue;
      }
      BitCode c = stored.apply(random.nextInt(size));
      for (int f = random.nextInt(4); f > 0; f--) {
        c = c.flip(random.nextInt(bits));
      }
      qs.add(c);
    }
    return qs;
  }
}
