package io.semhash.explain;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.util.ArrayList;
import java.util.List;

/**
 * How a categorical model uses its classes on a set of codes: per group, the share of codes in
 * each class. The categorical counterpart of a bit's on-rate ({@link BitHealth}): a class no code
 * holds is capacity the code never uses, and a group where one class holds all but {@value
 * BitHealth#DEAD_RATE} of the codes separates (nearly) nothing, like a dead bit.
 *
 * @param groups groups per code
 * @param classes classes per group
 * @param documents how many codes were counted
 * @param rates {@code [groups][classes]}: the share of the codes whose group g holds class c
 * @param unused every (group, class) no code holds, in order; none with no codes at all
 * @param deadGroups groups where one class holds more than 1 − {@value BitHealth#DEAD_RATE} of
 *     the codes
 */
public record ClassUsage(
    int groups, int classes, long documents, double[][] rates, List<GroupClass> unused, List<Integer> deadGroups) {

  public ClassUsage {
    unused = List.copyOf(unused);
    deadGroups = List.copyOf(deadGroups);
  }

  /** One class of one group. */
  public record GroupClass(int group, int classId) {}

  /** The usage of {@code codes}, each of {@code shape}. */
  public static ClassUsage of(CodeShape shape, List<BitCode> codes) {
    int m = shape.groups();
    int c = shape.classes();
    long[][] counts = new long[m][c];
    for (int d = 0; d < codes.size(); d++) {
      BitCode code = codes.get(d);
      if (code.bits() != shape.bits()) {
        throw new IllegalArgumentException("code " + d + " has " + code.bits() + " bits, a " + shape + " code " + shape.bits());
      }
      for (int g = 0; g < m; g++) {
        counts[g][shape.classOf(code, g)]++;
      }
    }
    int n = codes.size();
    double[][] rates = new double[m][c];
    List<GroupClass> unused = new ArrayList<>();
    List<Integer> dead = new ArrayList<>();
    for (int g = 0; g < m; g++) {
      long most = 0;
      for (int k = 0; k < c; k++) {
        rates[g][k] = n == 0 ? 0 : counts[g][k] / (double) n;
        most = Math.max(most, counts[g][k]);
        if (n > 0 && counts[g][k] == 0) {
          unused.add(new GroupClass(g, k));
        }
      }
      if (n > 0 && most > (1 - BitHealth.DEAD_RATE) * n) {
        dead.add(g);
      }
    }
    return new ClassUsage(m, c, n, rates, unused, dead);
  }
}
