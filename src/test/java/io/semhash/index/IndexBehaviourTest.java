package io.semhash.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class IndexBehaviourTest {

  @TempDir Path tmp;

  static List<HammingIndex> allKinds(int bits) {
    return List.of(
        HammingScanIndex.create(bits),
        MultiIndexHashingIndex.create(bits),
        MultiIndexHashingIndex.create(bits, new MultiIndexHashingIndex.Options(0, true)));
  }

  @Test
  void badInputIsRejectedWithValueAndRange() {
    for (HammingIndex index : allKinds(64)) {
      index.add(BitCode.zeros(64));
      BitCode q = BitCode.zeros(64);
      assertThatThrownBy(() -> index.add(BitCode.zeros(128)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128").hasMessageContaining("64");
      assertThatThrownBy(() -> index.add(new long[2]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 words, got 2");
      assertThatThrownBy(() -> index.knn(new long[] {}, 1, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
      assertThatThrownBy(() -> index.knn(q, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 0").hasMessageContaining("[1, 100000]");
      assertThatThrownBy(() -> index.knn(q, HammingIndex.MAX_K + 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100001");
      assertThatThrownBy(() -> index.radius(q, -1, null, 10))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r = -1").hasMessageContaining("[0, 64]");
      assertThatThrownBy(() -> index.radius(q, 65, null, 10))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r = 65");
      assertThatThrownBy(() -> index.radius(q, 3, null, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit = 0");
      assertThatThrownBy(() -> index.code(1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 1").hasMessageContaining("[0, 1)");
      assertThat(index.delete(5)).isFalse();
      assertThat(index.delete(-1)).isFalse();
      assertThat(index.delete(0)).isTrue();
      assertThat(index.delete(0)).isFalse();
      assertThat(index.knn(q, 10).size()).isZero();
    }
    assertThatThrownBy(() -> HammingScanIndex.create(4)).hasMessageContaining("[8, 1024]");
    assertThatThrownBy(() -> MultiIndexHashingIndex.create(64, new MultiIndexHashingIndex.Options(1, false)))
        .hasMessageContaining("substring count 1").hasMessageContaining("[3, 64]");
  }

  @Test
  void autoIndexUsesMihOnLargeClusteredDataAndScanWhenSmall() {
    SplittableRandom r = new SplittableRandom(5);
    CodeArray codes = BruteForce.clustered(64, 50_000, 50, 0.08, r);
    MultiIndexHashingIndex index = MultiIndexHashingIndex.create(64);
    index.addAll(codes);
    assertThat(index.substrings()).isEqualTo(MihTables.defaultSubstrings(CodeShape.binary(64), 50_000));
    SearchResult res = index.knn(BruteForce.near(codes.get(7), 0.05, r), 10);
    assertThat(res.plan()).isEqualTo(QueryPlanner.Plan.MIH);
    assertThat(res.examined()).isLessThan(50_000 / 4);
    // a filter of 20 ids: gather them
    RoaringBitmap few = RoaringBitmap.bitmapOf(1, 5, 9, 100, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000);
    assertThat(index.knn(codes.get(7), 10, few).plan()).isEqualTo(QueryPlanner.Plan.FILTER_SCAN);
    // a random query far from everything on a tiny index: scan
    MultiIndexHashingIndex small = MultiIndexHashingIndex.create(64);
    small.add(BitCode.zeros(64));
    assertThat(small.substrings()).isZero();
    assertThat(small.knn(BitCode.zeros(64), 1).plan()).isEqualTo(QueryPlanner.Plan.SCAN);
  }

  @Test
  void compactionRenumbersLiveCodesInOrder() {
    SplittableRandom r = new SplittableRandom(9);
    CodeArray codes = BruteForce.clustered(128, 6000, 10, 0.1, r);
    for (HammingIndex index : allKinds(128)) {
      index.addAll(codes);
      int[] del = r.ints(2000, 0, 6000).toArray();
      index.deleteAll(del);
      HammingIndex.Compaction c = index.compact();
      assertThat(c.index().size()).isEqualTo(index.liveCount()).isEqualTo(c.index().liveCount());
      assertThat(c.index().getClass()).isEqualTo(index.getClass());
      for (int t = 0; t < 20; t++) {
        BitCode q = BruteForce.near(codes.get(r.nextInt(6000)), 0.1, r);
        SearchResult before = index.knn(q, 25);
        SearchResult after = c.index().knn(q, 25);
        int[] mapped = Stream.of(before.ids()).flatMapToInt(java.util.Arrays::stream).map(id -> c.oldToNew()[id]).toArray();
        assertThat(after.ids()).containsExactly(mapped);
        assertThat(after.distances()).containsExactly(before.distances());
      }
      for (int d : del) {
        assertThat(c.oldToNew()[d]).isEqualTo(-1);
      }
    }
  }

  @Test
  void saveAndLoadRoundTripOnHeapAndMapped() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    for (int bits : new int[] {64, 100, 256}) {
      CodeArray codes = BruteForce.clustered(bits, 5000, 20, 0.1, r);
      for (HammingIndex index : allKinds(bits)) {
        index.addAll(codes);
        index.deleteAll(3, 77, 4999);
        Path dir = tmp.resolve(index.getClass().getSimpleName() + bits + index.hashCode());
        index.save(dir);
        index.delete(10);
        index.save(dir); // second generation replaces the first
        try (Stream<Path> files = Files.list(dir)) {
          assertThat(files.map(p -> p.getFileName().toString()).sorted())
              .containsExactly("MANIFEST", "codes-000002.bin", "deleted-000002.bin");
        }
        for (boolean mmap : new boolean[] {false, true}) {
          HammingIndex loaded = HammingIndex.load(dir, mmap);
          assertThat(loaded.getClass()).isEqualTo(index.getClass());
          assertThat(loaded.size()).isEqualTo(5000);
          assertThat(loaded.liveCount()).isEqualTo(4996);
          assertThat(loaded.memoryUsage().mappedBytes()).isEqualTo(mmap ? 5000L * 8 * BitCode.wordsFor(bits) : 0);
          for (int t = 0; t < 10; t++) {
            BitCode q = BruteForce.near(codes.get(r.nextInt(5000)), 0.1, r);
            assertThat(loaded.knn(q, 20)).isEqualTo(index.knn(q, 20));
            assertThat(loaded.radius(q, bits / 8, null, 100)).isEqualTo(index.radius(q, bits / 8, null, 100));
          }
          // adding after a mapped load goes to the heap tail
          BitCode extra = BitCode.random(bits, r);
          assertThat(loaded.add(extra)).isEqualTo(5000);
          assertThat(loaded.knn(extra, 1).ids()).containsExactly(5000);
          assertThat(loaded.code(5000)).isEqualTo(extra);
          assertThat(loaded.code(4998)).isEqualTo(codes.get(4998));
        }
      }
    }
  }

  @Test
  void damagedFilesAreRefusedWithTheirName() throws IOException {
    SplittableRandom r = new SplittableRandom(13);
    HammingIndex index = HammingScanIndex.create(64);
    index.addAll(BruteForce.random(64, 1000, r));
    index.delete(4);
    Path dir = tmp.resolve("idx");
    index.save(dir);
    Path codes = dir.resolve("codes-000001.bin");
    Path deleted = dir.resolve("deleted-000001.bin");
    Path manifest = dir.resolve("MANIFEST");
    byte[] codesBytes = Files.readAllBytes(codes);
    byte[] manifestBytes = Files.readAllBytes(manifest);
    byte[] deletedBytes = Files.readAllBytes(deleted);

    // a flipped bit in the codes: checksum
    flipByte(codes, 64 + 8 * 500);
    for (boolean mmap : new boolean[] {false, true}) {
      assertThatThrownBy(() -> HammingIndex.load(dir, mmap))
          .isInstanceOf(CorruptIndexException.class).hasMessageContaining("codes-000001.bin").hasMessageContaining("checksum mismatch");
    }
    Files.write(codes, codesBytes);

    // truncated codes
    try (FileChannel ch = FileChannel.open(codes, StandardOpenOption.WRITE)) {
      ch.truncate(codesBytes.length - 100);
    }
    assertThatThrownBy(() -> HammingIndex.load(dir)).isInstanceOf(CorruptIndexException.class)
        .hasMessageContaining("codes-000001.bin").hasMessageContaining("truncated");
    Files.write(codes, codesBytes);

    // wrong magic
    byte[] bad = codesBytes.clone();
    bad[0] = 'X';
    Files.write(codes, bad);
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("expected magic SEMHCODE, found 'XEMHCODE'");
    Files.write(codes, codesBytes);

    // corrupt tombstones
    flipByte(deleted, 33);
    assertThatThrownBy(() -> HammingIndex.load(dir)).isInstanceOf(CorruptIndexException.class)
        .hasMessageContaining("deleted-000001.bin");
    Files.write(deleted, deletedBytes);

    // another version: expected vs found
    String m = new String(manifestBytes, StandardCharsets.UTF_8);
    Files.writeString(manifest, m.replace("version=1", "version=3"));
    assertThatThrownBy(() -> HammingIndex.load(dir)).isInstanceOf(CorruptIndexException.class)
        .hasMessageContaining("MANIFEST").hasMessageContaining("version 3").hasMessageContaining("expected 1 or 2");
    Files.writeString(manifest, m.replace("semhash-hamming-index", "something-else"));
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("expected 'semhash-hamming-index'");
    Files.writeString(manifest, m.replace("size=1000", "size=999"));
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("MANIFEST").hasMessageContaining("checksum mismatch");
    Files.write(manifest, java.util.Arrays.copyOf(manifestBytes, 40));
    assertThatThrownBy(() -> HammingIndex.load(dir)).isInstanceOf(CorruptIndexException.class).hasMessageContaining("MANIFEST");
    Files.delete(manifest);
    assertThatThrownBy(() -> HammingIndex.load(dir)).isInstanceOf(CorruptIndexException.class).hasMessageContaining("MANIFEST").hasMessageContaining("missing");
    Files.write(manifest, manifestBytes);
    assertThat(HammingIndex.load(dir).liveCount()).isEqualTo(999);
  }

  private static void flipByte(Path file, int pos) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, pos);
      b.put(0, (byte) (b.get(0) ^ 0x10));
      b.rewind();
      ch.write(b, pos);
    }
  }

  /**
   * Searches concurrent with adds and deletes: each answer must equal the brute-force answer at
   * some state between the writes completed before the search and those completed after it.
   */
  @Test
  void searchesSeeConsistentSnapshotsDuringWrites() throws Exception {
    for (HammingIndex index : List.of(
        HammingScanIndex.create(64),
        MultiIndexHashingIndex.create(64, new MultiIndexHashingIndex.Options(0, true)),
        MultiIndexHashingIndex.create(64))) {
      SplittableRandom r = new SplittableRandom(17);
      int n = 6000;
      CodeArray codes = BruteForce.clustered(64, n, 8, 0.1, r);
      // ops: ids 0..n-1 added in order; after each add of id i >= 10, delete id i - 10 when i % 3 == 0
      CodeArray first = CodeArray.create(64, 4500);
      for (int i = 0; i < 4500; i++) {
        first.add(codes.get(i));
      }
      index.addAll(first);
      AtomicInteger done = new AtomicInteger(4500); // adds completed
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread writer = new Thread(() -> {
        for (int i = 4500; i < n; i++) {
          index.add(codes.get(i));
          if (i % 3 == 0) {
            index.delete(i - 10);
          }
          done.set(i + 1);
        }
        stop.set(true);
      });
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        SplittableRandom rr = r.split();
        readers.add(new Thread(() -> {
          try {
            while (!stop.get()) {
              BitCode q = BruteForce.near(codes.get(rr.nextInt(n)), 0.1, rr);
              int before = done.get();
              SearchResult got = index.knn(q, 20);
              int after = done.get();
              boolean ok = false;
              for (int s = before; s <= Math.min(after + 1, n) && !ok; s++) {
                for (int del = 0; del < 2 && !ok; del++) {
                  ok = reference(codes, s, del == 1).knn(q.toWords(), 20, null).equals(got);
                }
              }
              if (!ok) {
                throw new AssertionError("inconsistent answer between states " + before + " and " + after + ": " + got);
              }
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }));
      }
      readers.forEach(Thread::start);
      writer.start();
      writer.join();
      for (Thread t : readers) {
        t.join();
      }
      assertThat(failure.get()).isNull();
    }
  }

  /** State after the add of id s-1, with (or without) that add's delete applied. */
  private static BruteForce reference(CodeArray codes, int s, boolean lastDelete) {
    BruteForce ref = new BruteForce(64);
    for (int i = 0; i < s; i++) {
      ref.add(codes.get(i).toWords());
    }
    for (int i = 4500; i < s; i++) {
      if (i % 3 == 0 && (i < s - 1 || lastDelete)) {
        ref.delete(i - 10);
      }
    }
    return ref;
  }

  @Test
  void plannerPrefersScanForTinyFiltersAndMihForLargeIndexes() {
    int[] lens = {22, 21, 21};
    CodeShape b64 = CodeShape.binary(64);
    assertThat(QueryPlanner.estimate(10_000_000, b64, 10, 64, -1, lens, 10_000_000).plan()).isEqualTo(QueryPlanner.Plan.MIH);
    assertThat(QueryPlanner.estimate(10_000_000, b64, 10, 64, 500, lens, 10_000_000).plan()).isEqualTo(QueryPlanner.Plan.FILTER_SCAN);
    assertThat(QueryPlanner.estimate(1000, b64, 10, 64, -1, null, 0).plan()).isEqualTo(QueryPlanner.Plan.SCAN);
    assertThat(QueryPlanner.uniformQuantile(b64, 0.5)).isEqualTo(32);
  }

  @Test
  void theDefaultSubstringCountRoundsBitsOverLog2nUp() {
    // ceil(bits / log2 n), by hand: 64 / 19.93 = 3.2 -> 4; 64 / 16.61 = 3.9 -> 4; 64 / 23.25 = 2.8 -> 3;
    // 128 / 19.93 = 6.4 -> 7; 64 / 16 = 4 exactly -> 4, not 5
    assertThat(MihTables.defaultSubstrings(CodeShape.binary(64), 1_000_000)).isEqualTo(4);
    assertThat(MihTables.defaultSubstrings(CodeShape.binary(64), 100_000)).isEqualTo(4);
    assertThat(MihTables.defaultSubstrings(CodeShape.binary(64), 10_000_000)).isEqualTo(3);
    assertThat(MihTables.defaultSubstrings(CodeShape.binary(128), 1_000_000)).isEqualTo(7);
    assertThat(MihTables.defaultSubstrings(CodeShape.binary(64), 1 << 16)).isEqualTo(4);
    // never more substrings than groups: 16 groups of 16 classes at 1M codes (64 / 19.93 -> 4)
    assertThat(MihTables.defaultSubstrings(CodeShape.ofBits(64, 16), 1_000_000)).isEqualTo(4);
    assertThat(MihTables.defaultSubstrings(CodeShape.binary(16), 1_000_000)).isEqualTo(1);
  }
}
