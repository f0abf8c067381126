package io.semhash.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelSlicesTest {

  @AfterEach
  void backToOnePerCore() {
    ParallelSlices.setThreads(0);
  }

  /** The slices one run hands out, sorted. */
  private static List<int[]> slices(int threads, int n, int minSlice, int align) {
    ParallelSlices.setThreads(threads);
    List<int[]> out = Collections.synchronizedList(new ArrayList<>());
    ParallelSlices.shared().run(n, minSlice, align, (from, to) -> out.add(new int[] {from, to}));
    List<int[]> sorted = new ArrayList<>(out);
    sorted.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
    return sorted;
  }

  @Test
  void slicesCoverTheRangeOnceInAlignedContiguousPieces() {
    for (int threads : new int[] {1, 2, 3, 8}) {
      for (int n : new int[] {0, 1, 15, 16, 100, 4097, 10_000}) {
        for (int align : new int[] {1, 16, 2048}) {
          List<int[]> s = slices(threads, n, 4, align);
          AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(n, 1));
          int expectedFrom = 0;
          for (int[] slice : s) {
            assertThat(slice[0]).as("contiguous, threads %d n %d", threads, n).isEqualTo(expectedFrom);
            assertThat(slice[0] % align).as("aligned start").isZero();
            for (int i = slice[0]; i < slice[1]; i++) {
              seen.incrementAndGet(i);
            }
            expectedFrom = slice[1];
          }
          assertThat(expectedFrom).isEqualTo(n);
          for (int i = 0; i < n; i++) {
            assertThat(seen.get(i)).as("element %d covered once", i).isEqualTo(1);
          }
          assertThat(s.size()).isBetween(1, threads);
        }
      }
    }
  }

  @Test
  void noMoreSlicesThanTheMinimumSliceAllows() {
    assertThat(slices(8, 100, 40, 1)).hasSize(2);
    assertThat(slices(8, 39, 40, 1)).hasSize(1);
    assertThat(slices(2, 10_000, 1, 1)).hasSize(2);
  }

  @Test
  void aSlicesFailureReachesTheCallerAfterAllSlicesEnd() {
    ParallelSlices.setThreads(3);
    AtomicIntegerArray done = new AtomicIntegerArray(3);
    assertThatThrownBy(() -> ParallelSlices.shared().run(300, 1, 1, (from, to) -> {
      done.incrementAndGet(from / 100);
      if (from == 200) {
        throw new IllegalStateException("slice " + from);
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("slice 200");
    for (int i = 0; i < 3; i++) {
      assertThat(done.get(i)).isEqualTo(1);
    }
  }

  @Test
  void aRunOnAPoolReplacedMeanwhileStillCoversEverySlice() {
    ParallelSlices.setThreads(3);
    ParallelSlices old = ParallelSlices.shared();
    ParallelSlices.setThreads(2); // shuts the old pool down, as if another training changed it mid-run
    AtomicIntegerArray seen = new AtomicIntegerArray(300);
    old.run(300, 1, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        seen.incrementAndGet(i);
      }
    });
    for (int i = 0; i < 300; i++) {
      assertThat(seen.get(i)).as("element %d", i).isEqualTo(1);
    }
  }

  @Test
  void threadCountOutsideTheRangeIsRefusedWithTheRange() {
    assertThatThrownBy(() -> ParallelSlices.setThreads(-1)).hasMessageContaining("[0, 256]").hasMessageContaining("got -1");
    assertThatThrownBy(() -> ParallelSlices.setThreads(257)).hasMessageContaining("got 257");
    ParallelSlices.setThreads(0);
    assertThat(ParallelSlices.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}
