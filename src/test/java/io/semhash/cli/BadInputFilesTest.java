package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.semhash.testing.CliRun;
import io.semhash.testing.TinySemanticIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unreadable, empty, binary and truncated corpus, model and index files, through the real CLI:
 * one line on standard error naming the file and the problem, exit code 1, no stack trace; with
 * {@code --debug}, the stack trace too.
 */
class BadInputFilesTest {
  @TempDir Path dir;

  // ---- corpus files

  @Test
  void emptyCorpusFiles() throws IOException {
    Path jsonl = Files.createFile(dir.resolve("empty.jsonl"));
    assertOneLineError(corpusStats(jsonl), jsonl, "no documents");
    Path tgz = Files.createFile(dir.resolve("empty.tar.gz"));
    assertOneLineError(corpusStats(tgz), tgz, "empty");
  }

  @Test
  void binaryCorpusFiles() throws IOException {
    Path jsonl = Files.write(dir.resolve("binary.jsonl"), randomBytes(4096));
    assertOneLineError(corpusStats(jsonl), jsonl, "");
    Path tgz = Files.write(dir.resolve("binary.tar.gz"), randomBytes(4096));
    assertOneLineError(corpusStats(tgz), tgz, "gzip");
  }

  @Test
  void truncatedCorpusFiles() throws IOException {
    Path tgz = dir.resolve("truncated.tar.gz");
    try (InputStream in = Files.newInputStream(Path.of("data", "20news-bydate.tar.gz"))) {
      Files.write(tgz, in.readNBytes(200_000));
    }
    assertOneLineError(corpusStats(tgz), tgz, "truncated");
    Path jsonl = dir.resolve("truncated.jsonl");
    Files.writeString(jsonl, "{\"id\":\"a\",\"text\":\"orbit rocket\"}\n{\"id\":\"b\",\"text\":\"hock");
    assertOneLineError(corpusStats(jsonl), Path.of(jsonl + ":2"), "unexpected end-of-input");
  }

  @Test
  void unreadableCorpusFile() throws IOException {
    Path jsonl = Files.writeString(dir.resolve("secret.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n");
    Files.setPosixFilePermissions(jsonl, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(jsonl), "running as root: permissions do not stop reading");
    assertOneLineError(corpusStats(jsonl), jsonl, "not readable");
  }

  @Test
  void aDirectoryWhereAFileIsExpected() throws IOException {
    Path index = TinySemanticIndex.copyTo(dir.resolve("index"));
    Path weights = index.resolve("model").resolve("weights.bin");
    Files.delete(weights);
    Files.createDirectory(weights);
    assertOneLineError(search(index), weights, "");
  }

  // ---- model and index files

  @Test
  void truncatedOrCorruptModelFiles() throws IOException {
    for (String file : new String[] {"weights.bin", "vocabulary.tsv", "manifest.json"}) {
      Path index = TinySemanticIndex.copyTo(dir.resolve("truncated-" + file));
      Path f = index.resolve("model").resolve(file);
      byte[] all = Files.readAllBytes(f);
      Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
      assertOneLineError(search(index), f, "");

      Path flipped = TinySemanticIndex.copyTo(dir.resolve("flipped-" + file));
      Path g = flipped.resolve("model").resolve(file);
      all[all.length / 3] ^= 0x20;
      Files.write(g, all);
      assertOneLineError(search(flipped), g, "");

      Path empty = TinySemanticIndex.copyTo(dir.resolve("empty-" + file));
      Path h = empty.resolve("model").resolve(file);
      Files.write(h, new byte[0]);
      assertOneLineError(search(empty), h, "");
    }
  }

  @Test
  void truncatedOrCorruptHammingFiles() throws IOException {
    for (String prefix : new String[] {"codes-", "deleted-", "MANIFEST"}) {
      Path index = TinySemanticIndex.copyTo(dir.resolve("h-" + prefix));
      Path f = hammingFile(index, prefix);
      byte[] all = Files.readAllBytes(f);
      Files.write(f, java.util.Arrays.copyOf(all, all.length - 9));
      assertOneLineError(search(index), f, "");

      Path flipped = TinySemanticIndex.copyTo(dir.resolve("hf-" + prefix));
      Path g = hammingFile(flipped, prefix);
      all[all.length / 2] ^= 0x01;
      Files.write(g, all);
      assertOneLineError(search(flipped), g, "");
    }
  }

  @Test
  void badIndexManifestAndLuceneFiles() throws IOException {
    Path index = TinySemanticIndex.copyTo(dir.resolve("manifest"));
    Path manifest = index.resolve("index.json");
    Files.write(manifest, new byte[0]);
    assertOneLineError(search(index), manifest, "");
    Files.write(manifest, randomBytes(300));
    assertOneLineError(search(index), manifest, "");

    Path lucene = TinySemanticIndex.copyTo(dir.resolve("lucene"));
    try (var files = Files.list(lucene.resolve("lucene"))) {
      for (Path p : files.filter(p -> !p.getFileName().toString().equals("write.lock")).toList()) {
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
      }
    }
    assertOneLineError(search(lucene), lucene.resolve("lucene"), "");
  }

  @Test
  void debugShowsTheStackTrace() throws IOException {
    Path tgz = Files.write(dir.resolve("binary.tar.gz"), randomBytes(100));
    CliRun run = CliRun.of("corpus-stats", "--debug", "--corpus", tgz.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("\tat ");
  }

  // ---- helpers of this test

  private static CliRun corpusStats(Path corpus) {
    return CliRun.of("corpus-stats", "--corpus", corpus.toString());
  }

  private static CliRun search(Path index) {
    return CliRun.of("search", "--index", index.toString(), "orbit rocket");
  }

  private static Path hammingFile(Path index, String prefix) throws IOException {
    try (var files = Files.list(index.resolve("hamming"))) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SplittableRandom(n).nextBytes(b);
    return b;
  }

  /** Exit code 1, one line "semhash CMD: error: ..." naming {@code file} (and {@code problem}), no stack trace. */
  private static void assertOneLineError(CliRun run, Path file, String problem) {
    String err = run.err().strip();
    assertThat(run.exitCode()).as(file + ": " + err).isEqualTo(1);
    assertThat(err).as(file.toString()).doesNotContain("\n").doesNotContain("\tat ").startsWith("semhash ");
    assertThat(err).as("names the file").contains(file.toString());
    assertThat(err.toLowerCase(java.util.Locale.ROOT)).as("names the problem").contains(problem);
    assertThat(err).as("no bare exception names").doesNotContainPattern("\\b(java|org|com)\\.[a-z]+\\.");
  }
}
