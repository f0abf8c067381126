package io.semhash.index;

/**
 * Enumerates the xor masks that change exactly {@code r} of the {@code n} symbols of a substring,
 * so that multi-index hashing probes every substring value at symbol distance {@code r} from the
 * query's: {@code C(n, r)} masks for binary codes (Gosper's hack over the positions), {@code C(n,
 * r) (C - 1)^r} for symbols of {@code w} bits (for each choice of positions, every non-zero xor of
 * each chosen symbol's bits). Reused for every (table, radius) of one query; not thread-safe.
 */
final class SubstringNeighbours {

  private final int w;
  private final int classMask;
  private final int[] shifts = new int[MihTables.MAX_SUBSTRING_BITS];
  private final int[] digits = new int[MihTables.MAX_SUBSTRING_BITS];
  private int r;
  private int top;
  private int positions;

  /** @param w bits per symbol, 1 to 8 */
  SubstringNeighbours(int w) {
    this.w = w;
    this.classMask = (1 << w) - 1;
  }

  /** Starts the masks of {@code r} changed symbols among {@code n}; returns the first, or -1 if r > n. */
  int first(int n, int r) {
    if (r > n) {
      this.r = 0;
      return -1;
    }
    this.r = r;
    this.top = 1 << n;
    this.positions = (1 << r) - 1;
    if (w == 1) {
      return positions;
    }
    loadPositions();
    return mask();
  }

  /** The next mask, or -1 when all have been given. */
  int next() {
    if (r == 0) {
      return -1;
    }
    if (w > 1) {
      // Odometer over the chosen symbols' non-zero xors, 1 .. C-1 each.
      for (int t = 0; t < r; t++) {
        if (digits[t] < classMask) {
          digits[t]++;
          return mask();
        }
        digits[t] = 1;
      }
    }
    // Gosper's hack: the next larger int with the same number of set bits.
    int c = positions & -positions;
    int p = positions + c;
    positions = (((p ^ positions) >>> 2) / c) | p;
    if (positions >= top) {
      return -1;
    }
    if (w == 1) {
      return positions;
    }
    loadPositions();
    return mask();
  }

  private void loadPositions() {
    int rest = positions;
    for (int t = 0; t < r; t++) {
      shifts[t] = Integer.numberOfTrailingZeros(rest) * w;
      digits[t] = 1;
      rest &= rest - 1;
    }
  }

  private int mask() {
    int m = 0;
    for (int t = 0; t < r; t++) {
      m |= digits[t] << shifts[t];
    }
    return m;
  }
}
