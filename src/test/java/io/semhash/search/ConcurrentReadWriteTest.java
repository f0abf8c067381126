package io.semhash.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.model.HashingModel;
import io.semhash.indexdir.LocalIndexBackend;
import io.semhash.testing.TinySemanticIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searchers in every mode run while writers add and delete on one {@link SemanticSearchService},
 * for a bounded time. No call throws; every hit is a document that was sent and not deleted
 * before the search began, with the distance and code the model gives its text; and the final
 * count is the initial one plus adds minus deletes, also after reopening.
 */
class ConcurrentReadWriteTest {
  private static final long RUN_MILLIS = 6_000;
  private static final int SEARCHERS = 3;
  private static final int ADDERS = 2;

  @TempDir Path tmp;

  @Test
  void searchesDuringAddsAndDeletesSeeConsistentDocumentsAndCountsAddUp() throws Exception {
    Path dir = TinySemanticIndex.copyTo(tmp.resolve("index"));
    HashingModel model = TinySemanticIndex.model();
    Map<String, Document> sent = new ConcurrentHashMap<>();
    TinySemanticIndex.documents().forEach(d -> sent.put(d.id(), d));
    Map<String, Long> deletedAt = new ConcurrentHashMap<>();
    Queue<String> deletable = new ConcurrentLinkedQueue<>(sent.keySet());
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger adds = new AtomicInteger();
    AtomicInteger deletes = new AtomicInteger();
    AtomicLong searches = new AtomicLong();
    AtomicLong hitsChecked = new AtomicLong();
    long end = System.nanoTime() + RUN_MILLIS * 1_000_000;

    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      List<Thread> threads = new ArrayList<>();
      for (int a = 0; a < ADDERS; a++) {
        SplittableRandom random = new SplittableRandom(100 + a);
        String prefix = "added-" + a + "-";
        threads.add(thread(failures, () -> {
          for (int n = 0; System.nanoTime() < end; n++) {
            Document d = TinySemanticIndex.documents(random, prefix + n, 1).get(0);
            sent.put(d.id(), d);
            assertThat(s.add(List.of(d)).added()).containsExactly(d.id());
            adds.incrementAndGet();
            deletable.add(d.id());
          }
        }));
      }
      threads.add(thread(failures, () -> {
        while (System.nanoTime() < end) {
          String id = deletable.poll();
          if (id == null) {
            Thread.onSpinWait();
            continue;
          }
          assertThat(s.delete(id)).as(id).isTrue();
          deletedAt.put(id, System.nanoTime());
          deletes.incrementAndGet();
        }
      }));
      for (int t = 0; t < SEARCHERS; t++) {
        SplittableRandom random = new SplittableRandom(200 + t);
        threads.add(thread(failures, () -> {
          while (System.nanoTime() < end) {
            String[] topic = TinySemanticIndex.TOPICS[random.nextInt(3)];
            String q = topic[random.nextInt(8)] + " " + topic[random.nextInt(8)];
            SearchMode mode = SearchMode.values()[random.nextInt(SearchMode.values().length)];
            List<String> labels = random.nextInt(3) == 0 ? List.of("topic" + random.nextInt(3)) : List.of();
            Integer radius = mode != SearchMode.KEYWORD && random.nextInt(4) == 0 ? random.nextInt(8) : null;
            long started = System.nanoTime();
            SearchResponse r = s.search(new SearchRequest(q, 1 + random.nextInt(30), random.nextInt(10), labels, radius, mode));
            BitCode query = model.code(q);
            assertThat(r.codeHex()).isEqualTo(query.toHex());
            for (SearchHit h : r.results()) {
              Document d = sent.get(h.id());
              assertThat(d).as("hit %s was never sent", h.id()).isNotNull();
              Long gone = deletedAt.get(h.id());
              assertThat(gone == null || gone > started).as("hit %s was deleted before the search began", h.id()).isTrue();
              BitCode code = model.code(d.fullText());
              assertThat(h.codeHex()).as(h.id()).isEqualTo(code.toHex());
              assertThat(h.distance()).as(h.id()).isEqualTo(code.distance(query));
              assertThat(h.title()).isEqualTo(d.title());
              if (radius != null && mode == SearchMode.SEMANTIC) {
                assertThat(h.distance()).isLessThanOrEqualTo(radius);
              }
              if (!labels.isEmpty()) {
                assertThat(h.labels()).containsAnyElementsOf(labels);
              }
              hitsChecked.incrementAndGet();
            }
            String some = "doc-" + random.nextInt(90);
            s.document(some).ifPresent(sd -> assertThat(sd.codeHex()).isEqualTo(model.code(sent.get(some).fullText()).toHex()));
            s.similar(some, 5);
            searches.incrementAndGet();
          }
        }));
      }
      for (Thread t : threads) {
        t.join(RUN_MILLIS + 60_000);
        assertThat(t.isAlive()).as("thread finished").isFalse();
      }
      assertThat(failures).as("exceptions in the threads").isEmpty();
      long expected = 90L + adds.get() - deletes.get();
      assertThat(s.stats().documents()).isEqualTo(expected);
      assertThat(s.search(new SearchRequest("orbit", 1, 0, List.of(), null, SearchMode.SEMANTIC)).total()).isEqualTo(expected);
      System.out.printf("concurrency: %d adds, %d deletes, %d searches, %d hits checked%n",
          adds.get(), deletes.get(), searches.get(), hitsChecked.get());
      assertThat(adds.get()).isPositive();
      assertThat(deletes.get()).isPositive();
      assertThat(hitsChecked.get()).isGreaterThan(100);
    }
    try (SemanticSearchService s = SemanticSearchService.open(dir)) {
      assertThat(((LocalIndexBackend) s.backend()).recovery().changed()).as("a clean close needs no repair").isFalse();
      assertThat(s.stats().documents()).isEqualTo(90L + adds.get() - deletes.get());
    }
  }

  /** A started thread that records what it throws instead of dying silently. */
  private static Thread thread(Queue<Throwable> failures, ThrowingRunnable body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    t.start();
    return t;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
