package io.semhash.index;

import io.semhash.codes.CodeShape;

/**
 * Chooses how to execute a query from a cost estimate in units of "one sequential 64-bit code
 * scanned".
 *
 * <p>The scan costs {@code live * (1 + wpc) / 2} (a filter turns it into a gather over the allowed
 * ids, {@link #GATHER_COST} per id). Multi-index hashing costs, per probed substring value, one
 * table lookup ({@link #PROBE_COST}) plus the expected postings it returns ({@link
 * #CANDIDATE_COST} each, since they are random accesses into the code array). How many values are
 * probed depends on the distance of the k-th neighbour, unknown before the search; the estimate
 * assumes uniformly random codes, which is pessimistic for real (clustered) codes whose
 * neighbours are much closer. So MIH is run with a work budget: when the estimate favours MIH the
 * budget is the scan's cost, otherwise MIH is still tried, speculatively, with a quarter of it,
 * as long as its first round (exact-match probes in every table) is cheap and any filter lets
 * through at least a tenth of the codes. If the budget runs
 * out, the query falls back to the scan; the worst case is therefore 2x (1.25x when speculative)
 * the scan, and the common case on clustered codes is far below it.
 *
 * <p>A filter of selectivity {@code s} means about {@code k / s} codes have to be found to keep
 * k, which the estimate accounts for; a very selective filter makes the gather scan the winner.
 *
 * <p>Categorical codes (m groups of C classes): a uniformly random pair differs in each group
 * with probability {@code 1 - 1/C}, a substring of L symbols has {@code C^L} values of which
 * {@code C(L, i) (C - 1)^i} lie at symbol distance i, and a scanned word costs {@link
 * #SYMBOL_WORD_COST} times a binary one (the fold before the popcount).
 */
public final class QueryPlanner {

  /** How a query was, or will be, executed. */
  public enum Plan {
    /** Exhaustive scan of all live codes. */
    SCAN,
    /** Gather over the ids of the filter (selective filters). */
    FILTER_SCAN,
    /** Multi-index hashing. */
    MIH,
    /** MIH exceeded its budget and the query was answered by a scan. */
    MIH_THEN_SCAN
  }

  /**
   * The planner's decision.
   *
   * @param plan the plan
   * @param scanCost estimated cost of the scan (or gather, with a filter)
   * @param mihCost estimated cost of MIH under the uniform-codes assumption (infinite when there
   *     are no tables)
   * @param budget work budget for MIH before falling back to the scan
   */
  public record Estimate(Plan plan, double scanCost, double mihCost, double budget) {}

  static final double PROBE_COST = 6;
  static final double CANDIDATE_COST = 6;
  static final double GATHER_COST = 2;
  /** Cost of scanning one word of categorical codes relative to a binary word (xor, fold, popcount). */
  static final double SYMBOL_WORD_COST = 2;
  /** Below this many live codes the scan always wins and no tables are kept. */
  static final int MIN_MIH_SIZE = 4096;

  private QueryPlanner() {}

  /**
   * Estimates the cost of a query.
   *
   * @param live number of live codes
   * @param shape the codes' shape (binary: bits are symbols)
   * @param k results wanted (a radius query's limit)
   * @param maxDistance the radius, or the number of groups for k-NN
   * @param filterCardinality number of ids allowed by the filter, or -1 for no filter
   * @param substringSymbols symbols (bits, for binary codes) of each MIH substring, or null when
   *     there are no tables
   * @param tableCount number of codes in the tables
   */
  public static Estimate estimate(
      int live, CodeShape shape, int k, int maxDistance, long filterCardinality, int[] substringSymbols, int tableCount) {
    double wordCost = ((shape.bits() + 63) >>> 6) * (shape.isBinary() ? 1 : SYMBOL_WORD_COST);
    double scan = filterCardinality >= 0
        ? Math.min(live, filterCardinality) * (GATHER_COST + 0.5 * wordCost)
        : live * 0.5 * (1 + wordCost);
    Plan scanPlan = filterCardinality >= 0 ? Plan.FILTER_SCAN : Plan.SCAN;
    if (substringSymbols == null || live < MIN_MIH_SIZE) {
      return new Estimate(scanPlan, scan, Double.POSITIVE_INFINITY, 0);
    }
    double selectivity = filterCardinality >= 0
        ? Math.max(1.0 / live, Math.min(1.0, (double) filterCardinality / live))
        : 1.0;
    int m = substringSymbols.length;
    int classes = shape.classes();
    double need = Math.min(live, k / selectivity);
    int dk = Math.min(maxDistance, uniformQuantile(shape, need / Math.max(1, tableCount)));
    int rr = dk / m;
    double mih = 0;
    double firstRound = 0;
    for (int len : substringSymbols) {
      double perBucket = tableCount / Math.pow(classes, len);
      double logValues = 0; // log of C(len, i) (C - 1)^i, the values at symbol distance i
      for (int i = 0; i <= Math.min(rr, len); i++) {
        double values = Math.exp(logValues);
        mih += values * (PROBE_COST + perBucket * CANDIDATE_COST);
        if (i == 0) {
          firstRound += PROBE_COST + perBucket * CANDIDATE_COST;
        }
        logValues += Math.log(len - i) - Math.log(i + 1) + Math.log(classes - 1);
      }
    }
    if (mih < scan) {
      return new Estimate(Plan.MIH, scan, mih, scan);
    }
    if (selectivity >= 0.1 && firstRound * 8 < scan) {
      return new Estimate(Plan.MIH, scan, mih, scan / 4);
    }
    return new Estimate(scanPlan, scan, mih, 0);
  }

  /**
   * Smallest d with P(Binomial(m, 1 - 1/C) <= d) >= p, m groups of C classes (Binomial(bits, 1/2)
   * for binary codes): the expected distance of the {@code p * n}-th neighbour among n uniformly
   * random codes.
   */
  static int uniformQuantile(CodeShape shape, double p) {
    int m = shape.groups();
    if (p >= 1) {
      return m;
    }
    double differ = 1.0 - 1.0 / shape.classes();
    double logDiffer = Math.log(differ);
    double logSame = Math.log1p(-differ);
    double logC = 0;
    double cdf = 0;
    for (int d = 0; d <= m; d++) {
      cdf += Math.exp(logC + d * logDiffer + (m - d) * logSame);
      if (cdf >= p) {
        return d;
      }
      logC += Math.log(m - d) - Math.log(d + 1);
    }
    return m;
  }
}
