package io.semhash.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The comparison on a reduced setting (6 bits, few draws): its structure and the claims it shows. */
class EstimatorComparisonTest {

  private static ComparisonReport report;

  @BeforeAll
  static void runOnce() {
    RealProblemData data = RealProblemData.synthetic(3, 40, 300);
    report =
        EstimatorComparison.run(3, data, new EstimatorComparison.Settings(6, 8, 1024, 64, 1));
  }

  private static Map<String, EstimatorFigures> rows(String problem) {
    return report.problems().stream()
        .filter(p -> p.name().equals(problem))
        .findFirst()
        .orElseThrow()
        .estimators()
        .stream()
        .collect(Collectors.toMap(EstimatorFigures::estimator, Function.identity()));
  }

  @Test
  void everyProblemHasEveryEstimator() {
    assertThat(report.problems()).extracting(ProblemReport::name)
        .containsExactly("quadratic", "cubic", "decoder", "categorical-quadratic", "categorical-decoder");
    for (ProblemReport problem : report.problems()) {
      if (problem.name().startsWith("categorical")) {
        assertThat(problem.dimension()).isEqualTo(EstimatorComparison.GROUPS * EstimatorComparison.CLASSES
            * (problem.name().endsWith("decoder") ? EstimatorComparison.DOCUMENTS : 1));
        assertThat(problem.estimators()).extracting(EstimatorFigures::estimator)
            .contains("zgr", "st", "stgs(tau=0.5)", "grmc(K=10,tau=0.5)");
        continue;
      }
      assertThat(problem.estimators()).extracting(EstimatorFigures::estimator)
          .contains("zgr", "st", "darn", "gs(tau=0.5)", "stgs(tau=0.5)", "grmc(K=10,tau=0.5)",
              "reinforce(K=2)", "reinforce(K=10)");
      for (EstimatorFigures f : problem.estimators()) {
        assertThat(f.cosine()).isBetween(-1.0, 1.0);
        assertThat(f.microsPerEstimate()).isPositive();
      }
    }
  }

  /**
   * On the quadratic, ZGR, ST and DARN are deterministic given x, so E‖ĝ − g*‖² is a finite sum
   * over the 2⁶ codes; computed here from the closed forms of docs/zgr.md (the exact gradient and
   * each surrogate dx/dη), not with the comparison's enumeration.
   */
  @Test
  void meanSquaredErrorAndBiasOnTheQuadraticMatchTheClosedForms() {
    EstimatorComparison.Block block = EstimatorComparison.quadratic(3, 6).blocks().get(0);
    io.semhash.estimator.QuadraticObjective f = (io.semhash.estimator.QuadraticObjective) block.f();
    double[] eta = block.logits();
    int n = eta.length;
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = 1 / (1 + Math.exp(-eta[i]));
    }
    double[] exact = f.exactBinaryGradient(eta);
    Map<String, Double> mse = new java.util.TreeMap<>(Map.of("zgr", 0.0, "st", 0.0, "darn", 0.0));
    for (int code = 0; code < (1 << n); code++) {
      double[] x = new double[n];
      double prob = 1;
      for (int i = 0; i < n; i++) {
        x[i] = (code >> i) & 1;
        prob *= x[i] == 1 ? p[i] : 1 - p[i];
      }
      for (String name : mse.keySet()) {
        double sq = 0;
        for (int i = 0; i < n; i++) {
          double g = f.b()[i];
          for (int j = 0; j < n; j++) {
            g += (f.a()[i][j] + f.a()[j][i]) * x[j];
          }
          double surrogate = switch (name) {
            case "st" -> p[i] * (1 - p[i]);
            case "darn" -> (x[i] - p[i]) * (x[i] - p[i]);
            default -> Math.abs(x[i] - p[i]) / 2;
          };
          double e = surrogate * g - exact[i];
          sq += e * e;
        }
        mse.merge(name, prob * sq, Double::sum);
      }
    }
    Map<String, EstimatorFigures> rows = rows("quadratic");
    for (Map.Entry<String, Double> e : mse.entrySet()) {
      assertThat(rows.get(e.getKey()).meanSquaredError()).as(e.getKey()).isCloseTo(e.getValue(), within(1e-9 * e.getValue()));
    }
    double stBias = 0;
    for (double b : f.straightThroughBias(eta)) {
      stBias += b * b;
    }
    assertThat(rows.get("st").squaredBias()).isCloseTo(stBias, within(1e-12 + 1e-9 * stBias));
    assertThat(stBias).as("the ST bias is visible at these logits").isGreaterThan(1e-4);
  }

  @Test
  void zgrIsUnbiasedOnTheQuadraticAndStAndDarnAreEquallyBiased() {
    Map<String, EstimatorFigures> quadratic = rows("quadratic");
    assertThat(quadratic.get("zgr").squaredBias()).isLessThan(1e-20);
    assertThat(quadratic.get("st").squaredBias()).isGreaterThan(1e-4);
    assertThat(quadratic.get("darn").squaredBias())
        .isCloseTo(quadratic.get("st").squaredBias(), within(1e-12));
    assertThat(quadratic.get("zgr").variance()).isLessThan(quadratic.get("darn").variance());
  }

  @Test
  void zgrIsBiasedOnTheCubicAndTheDecoderButLessThanSt() {
    for (String problem : new String[] {"cubic", "decoder"}) {
      Map<String, EstimatorFigures> rows = rows(problem);
      assertThat(rows.get("zgr").squaredBias()).as(problem).isGreaterThan(1e-8);
      assertThat(rows.get("zgr").squaredBias()).as(problem)
          .isLessThan(rows.get("st").squaredBias());
    }
  }

  @Test
  void tableAndJsonCarryTheFigures() throws Exception {
    String table = report.toTable();
    assertThat(table).contains("quadratic", "cubic", "decoder", "zgr", "reinforce(K=10)", "bias^2");
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.get("seed").asLong()).isEqualTo(3);
    JsonNode first = json.get("problems").get(0).get("estimators").get(0);
    assertThat(first.get("estimator").asText()).isEqualTo("zgr");
    assertThat(first.has("squared_bias")).isTrue();
    assertThat(first.has("micros_per_estimate")).isTrue();
  }

  @Test
  void decoderGradientMatchesFiniteDifferences() {
    INDArray w = Nd4j.randn(DataType.DOUBLE, 7, 4);
    INDArray c = Nd4j.randn(DataType.DOUBLE, 7);
    INDArray counts = Nd4j.createFromArray(new double[] {3, 0, 1, 0, 5, 2, 0});
    DecoderObjective f = new DecoderObjective(w, c, counts);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4);
    double[] g = f.gradients(x).data().asDouble();
    double h = 1e-6;
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 4; j++) {
        INDArray plus = x.dup();
        INDArray minus = x.dup();
        plus.putScalar(r, j, x.getDouble(r, j) + h);
        minus.putScalar(r, j, x.getDouble(r, j) - h);
        double fd = (f.values(plus).getDouble(r) - f.values(minus).getDouble(r)) / (2 * h);
        assertThat(g[r * 4 + j]).isCloseTo(fd, within(1e-6));
      }
    }
  }

  @Test
  void realProblemDataIsValidated() {
    assertThatThrownBy(() -> new RealProblemData(new int[][] {{0, 5}}, new float[][] {{1, 1}}, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5");
    assertThatThrownBy(
            () ->
                EstimatorComparison.run(
                    1, new RealProblemData(new int[][] {{0, 1}}, new float[][] {{1, 1}}, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("documents");
  }

  /**
   * Categorical ZGR is unbiased on a quadratic in the one-hot vectors (its E[ĝ] is exact by
   * enumeration, so the bias is rounding); straight-through is not.
   */
  @Test
  void categoricalZgrIsUnbiasedOnTheQuadraticAndStIsNot() {
    ProblemReport problem = report.problems().stream().filter(p -> p.name().equals("categorical-quadratic"))
        .findFirst().orElseThrow();
    Map<String, EstimatorFigures> rows = rows("categorical-quadratic");
    double scale = problem.exactGradientSquaredNorm();
    assertThat(scale).isPositive();
    assertThat(rows.get("zgr").expectation()).isEqualTo("exact");
    assertThat(rows.get("zgr").squaredBias()).isLessThan(1e-20 * Math.max(1, scale));
    assertThat(rows.get("st").squaredBias()).isGreaterThan(1e-4 * scale);
    for (EstimatorFigures f : problem.estimators()) {
      assertThat(f.meanSquaredError()).isCloseTo(f.squaredBias() + f.variance(), within(1e-9 * Math.max(1, f.meanSquaredError())));
    }
  }
}
