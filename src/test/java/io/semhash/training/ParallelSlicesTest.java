package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelSlicesTest {

  /** The slices one run on a pool of {@code threads} hands out, sorted. */
  private static List<int[]> slices(int threads, int n, int minSlice, int align) {
    try (ParallelSlices pool = new ParallelSlices(threads)) {
      return slices(pool, n, minSlice, align);
    }
  }

  private static List<int[]> slices(ParallelSlices pool, int n, int minSlice, int align) {
    List<int[]> out = Collections.synchronizedList(new ArrayList<>());
    pool.run(n, minSlice, align, (from, to) -> out.add(new int[] {from, to}));
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
  void poolsOfDifferentSizesLiveSideBySide() {
    try (ParallelSlices two = new ParallelSlices(2); ParallelSlices five = new ParallelSlices(5)) {
      assertThat(slices(two, 1000, 1, 1)).hasSize(2);
      assertThat(slices(five, 1000, 1, 1)).hasSize(5);
      assertThat(slices(two, 1000, 1, 1)).as("making the other pool did not change this one").hasSize(2);
      assertThat(ParallelSlices.SINGLE.threads()).isEqualTo(1);
      assertThat(slices(ParallelSlices.SINGLE, 1000, 1, 1)).hasSize(1);
    }
  }

  @Test
  void slicesRunOnThePoolsThreadsAndTheCaller() {
    try (ParallelSlices pool = new ParallelSlices(3)) {
      Set<Thread> ran = ConcurrentHashMap.newKeySet();
      pool.run(300, 1, 1, (from, to) -> ran.add(Thread.currentThread()));
      assertThat(ran).hasSize(3).contains(Thread.currentThread());
      assertThat(pool.splitRuns.get()).isEqualTo(1);
    }
  }

  @Test
  void aSlicesFailureReachesTheCallerAfterAllSlicesEnd() {
    try (ParallelSlices pool = new ParallelSlices(3)) {
      AtomicIntegerArray done = new AtomicIntegerArray(3);
      assertThatThrownBy(() -> pool.run(300, 1, 1, (from, to) -> {
        done.incrementAndGet(from / 100);
        if (from == 200) {
          throw new IllegalStateException("slice " + from);
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("slice 200");
      for (int i = 0; i < 3; i++) {
        assertThat(done.get(i)).isEqualTo(1);
      }
    }
  }

  @Test
  void aRunOnAClosedPoolStillCoversEverySliceOnTheCaller() {
    ParallelSlices pool = new ParallelSlices(3);
    pool.close(); // as when a trained network is used after its training ended
    AtomicIntegerArray seen = new AtomicIntegerArray(300);
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    pool.run(300, 1, 1, (from, to) -> {
      ran.add(Thread.currentThread());
      for (int i = from; i < to; i++) {
        seen.incrementAndGet(i);
      }
    });
    for (int i = 0; i < 300; i++) {
      assertThat(seen.get(i)).as("element %d", i).isEqualTo(1);
    }
    assertThat(ran).containsExactly(Thread.currentThread());
  }

  @Test
  void threadCountOutsideTheRangeIsRefusedWithTheRange() {
    assertThatThrownBy(() -> new ParallelSlices(-1)).hasMessageContaining("[0, 256]").hasMessageContaining("got -1");
    assertThatThrownBy(() -> new ParallelSlices(257)).hasMessageContaining("got 257");
    try (ParallelSlices perCore = new ParallelSlices(0); ParallelSlices most = new ParallelSlices(256)) {
      assertThat(perCore.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(most.threads()).isEqualTo(256);
    }
  }
}
