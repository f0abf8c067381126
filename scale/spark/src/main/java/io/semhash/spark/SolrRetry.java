package io.semhash.spark;

import io.semhash.backend.BackendUnavailableException;
import java.util.function.Supplier;

/**
 * Sends a Solr request again while SolrCloud is unavailable (no node reachable, a timeout, a shard
 * without a live replica: {@link BackendUnavailableException}), waiting 1, 2, 4... s between tries,
 * up to {@code retries} times; a refusal (a 4xx) is not retried. Every request of the job is
 * idempotent (adds replace by id, a commit commits what is there), so sending one twice is harmless.
 */
final class SolrRetry {
  private static final long FIRST_WAIT_MILLIS = 1_000;

  private SolrRetry() {}

  /**
   * @param what names the request in the failure, {@code "WHAT: REASON (N tries)"}
   * @throws JobFailure when SolrCloud is still unavailable after the last try (its reason as text,
   *     as Spark ships a task's failure)
   */
  static <T> T call(int retries, String what, Supplier<T> request) {
    for (int attempt = 0; ; attempt++) {
      try {
        return request.get();
      } catch (BackendUnavailableException e) {
        if (attempt >= retries) {
          throw new JobFailure(what + ": " + e.getMessage() + " (" + (attempt + 1) + (attempt == 0 ? " try)" : " tries)"));
        }
        try {
          Thread.sleep(FIRST_WAIT_MILLIS << Math.min(attempt, 6));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new JobFailure(what + ": interrupted while waiting to send again");
        }
      }
    }
  }
}
