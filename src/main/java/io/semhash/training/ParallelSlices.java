package io.semhash.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a loop over [0, n) as contiguous slices, one per thread, the calling thread taking the
 * first: the training step's Java loops (Adam, the first layer's weight gradient, the decoder's
 * softmax) spread over the machine's cores while ND4J's own ops run on one (its OpenMP threads
 * cost more than they gain on ops of this size, docs/BENCHMARKS.md).
 *
 * <p>An instance belongs to one training: {@link HashingTrainer} makes it from its thread count
 * ({@code model.threads} in the configuration, {@code --threads} on the command line) and hands
 * it to the network's layers and updater through their configurations ({@link VaeNetwork}); there
 * is no process-wide pool, so two trainings in one process do not share or change each other's.
 *
 * <p>Every caller gives each slice its own outputs and computes every output exactly as one
 * thread would (same operations, same order), so results do not depend on the thread count: the
 * same seed gives the same model on 1 thread or 8.
 */
public final class ParallelSlices implements AutoCloseable {
  /** Most threads accepted. */
  public static final int MAX_THREADS = 256;

  /** Every loop on the calling thread: for a network configured without a pool (or read back from JSON). */
  static final ParallelSlices SINGLE = new ParallelSlices(1);

  /** A loop body over the half-open slice [from, to). */
  @FunctionalInterface
  interface Body {
    void run(int from, int to);
  }

  private final int threads;
  private final ExecutorService workers;
  /** Runs split over more than one thread, for tests. */
  final AtomicLong splitRuns = new AtomicLong();

  /**
   * A pool of {@code threads} threads, the caller's included (0: one per core).
   *
   * @throws IllegalArgumentException outside [0, {@link #MAX_THREADS}]
   */
  public ParallelSlices(int threads) {
    checkThreads(threads);
    this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    this.workers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, r -> {
      Thread t = new Thread(r, "semhash-train-slice");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Checks a thread count before a pool is made of it.
   *
   * @throws IllegalArgumentException outside [0, {@link #MAX_THREADS}]
   */
  static void checkThreads(int threads) {
    if (threads < 0 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be in [0, " + MAX_THREADS + "] (0 = one per core), got " + threads);
    }
  }

  /** How many threads a loop may use. */
  public int threads() {
    return threads;
  }

  /**
   * Ends the worker threads once their slices are done. Loops run afterwards still work, on the
   * calling thread alone (a network may outlive its training).
   */
  @Override
  public void close() {
    if (workers != null) {
      workers.shutdown();
    }
  }

  /**
   * Runs {@code body} over [0, n) in at most one slice per thread, each at least {@code minSlice}
   * long, slice bounds multiples of {@code align} (but the last), and returns when all are done.
   * A slice's exception is rethrown here.
   */
  void run(int n, int minSlice, int align, Body body) {
    int slices = (int) Math.max(1, Math.min(threads, n / (long) Math.max(1, minSlice)));
    if (slices == 1) {
      body.run(0, n);
      return;
    }
    splitRuns.incrementAndGet();
    int[] bounds = new int[slices + 1];
    for (int s = 1; s < slices; s++) {
      int at = (int) ((long) n * s / slices);
      bounds[s] = Math.max(bounds[s - 1], at - at % align);
    }
    bounds[slices] = n;
    List<FutureTask<Void>> others = new ArrayList<>(slices - 1);
    for (int s = 1; s < slices; s++) {
      int from = bounds[s];
      int to = bounds[s + 1];
      if (from == to) {
        continue; // alignment can leave a slice empty
      }
      FutureTask<Void> task = new FutureTask<>(() -> body.run(from, to), null);
      try {
        workers.execute(task);
      } catch (RejectedExecutionException e) {
        task.run(); // the pool was closed meanwhile: the slice runs here
      }
      others.add(task);
    }
    Throwable failure = null;
    try {
      body.run(0, bounds[1]);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (FutureTask<Void> f : others) {
      while (true) {
        try {
          f.get();
          break;
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the slices write the caller's arrays: wait for them all the same
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("a training loop slice failed", failure);
    }
  }
}
