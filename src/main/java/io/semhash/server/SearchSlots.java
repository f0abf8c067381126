package io.semhash.server;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code slots} requests do search work (encoding, Hamming search, reading documents,
 * excerpts) at once; the others wait their turn, first come first served.
 *
 * <p>Why: a search is a fraction of a millisecond of CPU. With as many searches running as there
 * are HTTP threads, the few cores were shared out by the OS scheduler in time slices, every
 * search in flight advanced at once, and a request's latency depended on how often it was
 * preempted: at 64 connections on 2 cores the p99 was over five times the p50. With one search
 * per core, each runs to its end once started, and the wait is a queue in arrival order, so
 * latencies stay close to their mean (docs/BENCHMARKS.md, "Search under load").
 */
final class SearchSlots {
  private final Semaphore slots;

  SearchSlots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    this.slots = new Semaphore(slots, true); // fair: waiting requests are admitted in arrival order
  }

  /** How many requests wait for a slot now (an estimate, for tests and diagnostics). */
  int waiting() {
    return slots.getQueueLength();
  }

  /** Runs {@code work} in a slot, waiting for one first. */
  <T> T run(Supplier<T> work) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
      throw ApiException.unavailable("the server is shutting down");
    }
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }
}
