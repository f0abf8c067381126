package io.semhash.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.config.SemhashConfig;
import io.semhash.search.KeywordSearchService;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.testing.MiniCorpus;
import io.semhash.text.TermAnalyzer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bound on concurrent search work, and the server settings that size it and the HTTP pool. */
class SearchSlotsTest {

  @Test
  void atMostTheSlotCountRunsAtOnceAndEveryoneGetsATurn() throws Exception {
    SearchSlots slots = new SearchSlots(2);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch twoIn = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int n = i;
        done.add(pool.submit(() -> slots.run(() -> {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          twoIn.countDown();
          awaitUninterruptibly(release);
          inside.decrementAndGet();
          return n;
        })));
      }
      twoIn.await();
      while (slots.waiting() < 3) { // the other three are queued, not running
        Thread.onSpinWait();
      }
      assertThat(inside.get()).isEqualTo(2);
      release.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> f : done) {
        results.add(f.get());
      }
      assertThat(results).containsExactly(0, 1, 2, 3, 4);
      assertThat(most.get()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void waitingRequestsAreAdmittedInArrivalOrder() throws Exception {
    SearchSlots slots = new SearchSlots(1);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Thread holder = new Thread(() -> slots.run(() -> {
      holding.countDown();
      awaitUninterruptibly(release);
      return null;
    }));
    holder.start();
    holding.await();
    List<Thread> waiters = new ArrayList<>();
    for (String name : List.of("first", "second", "third")) {
      int queuedBefore = slots.waiting();
      Thread t = new Thread(() -> slots.run(() -> order.add(name)));
      t.start();
      while (slots.waiting() == queuedBefore) { // queued before the next one arrives
        Thread.onSpinWait();
      }
      waiters.add(t);
    }
    release.countDown();
    holder.join();
    for (Thread t : waiters) {
      t.join();
    }
    assertThat(order).containsExactly("first", "second", "third");
  }

  @Test
  void threadSettingsOutOfRangeAreRefusedNamingTheKey() {
    try (KeywordSearchService service = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)))) {
      assertThatThrownBy(() -> SemhashServer.start(service, settings(3, 0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("server.threads must be in [4, 1000], got 3");
      assertThatThrownBy(() -> SemhashServer.start(service, settings(1001, 0)))
          .hasMessage("server.threads must be in [4, 1000], got 1001");
      assertThatThrownBy(() -> SemhashServer.start(service, settings(8, -1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("server.search-threads must be in [0, 1000] (0 = one per core), got -1");
    }
  }

  /** The smallest pool and a single search slot still answer many concurrent clients, all correctly. */
  @Test
  void theSmallestPoolWithOneSearchSlotAnswersConcurrentClients() throws Exception {
    try (KeywordSearchService service = KeywordSearchService.over(LuceneDocumentStore.inMemory(new TermAnalyzer(false)))) {
      service.add(MiniCorpus.documents());
      try (SemhashServer server = SemhashServer.start(service, settings(SemhashConfig.Server.MIN_THREADS, 1))) {
        HttpProbe http = new HttpProbe(server.port());
        String expected = http.get("/api/search?q=rocket&k=5").json().get("results").toString();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
          List<Future<HttpProbe.Reply>> replies = new ArrayList<>();
          for (int i = 0; i < 64; i++) {
            replies.add(clients.submit(() -> http.get("/api/search?q=rocket&k=5")));
          }
          for (Future<HttpProbe.Reply> r : replies) {
            HttpProbe.Reply reply = r.get();
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("results").toString()).isEqualTo(expected);
          }
        } finally {
          clients.shutdownNow();
        }
      }
    }
  }

  @Test
  void zeroSearchThreadsMeansOnePerCore() {
    assertThat(settings(8, 0).searchSlots()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(settings(8, 3).searchSlots()).isEqualTo(3);
    assertThat(SemhashConfig.defaults().server().searchThreads()).isZero();
    assertThat(SemhashConfig.defaults().server().threads()).isEqualTo(SemhashConfig.Server.DEFAULT_THREADS);
  }

  private static SemhashConfig.Server settings(int threads, int searchThreads) {
    return new SemhashConfig.Server("127.0.0.1", 0, 1 << 20, 100, "", threads, searchThreads, "none");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean done = false;
    while (!done) {
      try {
        latch.await();
        done = true;
      } catch (InterruptedException e) {
        // keep waiting: the test releases the latch
      }
    }
  }
}
