package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.model.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * What the trainer checks before any work: the estimator and its τ and K (which the model's
 * {@link TrainingOptions} leave to the training side), the thread count and the time budget.
 */
class HashingTrainerArgumentsTest {
  private static TrainingOptions options(String estimator, double tau, int samples) {
    return new TrainingOptions(16, 32, estimator, tau, samples, 1.0, 0.0, 3, 3e-3, 16, 1, 1, 0.2, 1);
  }

  @Test
  void unknownEstimatorOrItsBadParametersAreRefused() {
    assertThatThrownBy(() -> new HashingTrainer(options("foo", 0.5, 10), 1, null, 10))
        .hasMessage("unknown binary estimator 'foo', allowed: zgr, st, darn, gs, stgs, grmc");
    assertThatThrownBy(() -> new HashingTrainer(options("stgs", 0, 10), 1, null, 10))
        .hasMessage("stgs: temperature tau must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> new HashingTrainer(options("grmc", 0.5, 0), 1, null, 10))
        .hasMessage("grmc: number of samples K must be >= 1, got 0");
  }

  @Test
  void threadsOutOfRangeAndABudgetThatIsNotPositiveAreRefused() {
    assertThatThrownBy(() -> new HashingTrainer(options("zgr", 0.5, 10), 257, null, 10))
        .hasMessage("threads must be in [0, 256] (0 = one per core), got 257");
    assertThatThrownBy(() -> new HashingTrainer(options("zgr", 0.5, 10), -1, null, 10))
        .hasMessage("threads must be in [0, 256] (0 = one per core), got -1");
    assertThatThrownBy(() -> new HashingTrainer(options("zgr", 0.5, 10), 0, null, 0))
        .hasMessage("training time budget must be > 0 seconds, got 0.0");
  }
}
