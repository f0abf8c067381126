package io.semhash.pipeline;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeSpec;
import io.semhash.corpus.Document;
import io.semhash.index.HammingIndex;
import io.semhash.indexdir.IndexLayout;
import io.semhash.indexdir.IndexManifest;
import io.semhash.model.HashingModel;
import io.semhash.shards.ShardOrder;
import io.semhash.store.LuceneDocumentStore;
import io.semhash.store.StoredEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one shard of a sharded index directory from a stream of documents, each with its global
 * order key (increasing): an ordinary index directory (model, Hamming index, Lucene store,
 * manifest) plus {@code order.bin}. Documents are encoded on the calling thread a chunk at a time,
 * so memory holds one chunk, not the shard, and a Spark task uses exactly its one core.
 *
 * <p>Writes straight into {@code dir}, which must not exist; the caller makes the result appear
 * atomically (a temporary sibling renamed when done, or a Spark task attempt's directory renamed
 * on commit). The shard manifest carries no P@k curve: that is a figure of the whole corpus.
 */
public final class ShardWriter implements Closeable {
  private static final int CHUNK = 1024;

  private final HashingModel model;
  private final Path dir;
  private final HammingIndex index;
  private final LuceneDocumentStore store;
  private final List<Document> pending = new ArrayList<>(CHUNK);
  private long[] keys = new long[CHUNK];
  private int count;
  private boolean finished;

  private ShardWriter(HashingModel model, Path dir) throws IOException {
    this.model = model;
    this.dir = dir;
    Files.createDirectories(dir);
    Files.createDirectories(dir.resolve(IndexLayout.MODEL));
    model.writeInto(dir.resolve(IndexLayout.MODEL));
    this.index = HammingIndex.create(model.codeShape());
    this.store = LuceneDocumentStore.create(dir.resolve(IndexLayout.LUCENE), model.vectorizer().analyzer());
  }

  /** Starts a shard in {@code dir}, which must not exist yet. */
  public static ShardWriter create(HashingModel model, Path dir) throws IOException {
    if (Files.exists(dir)) {
      throw new IOException(dir + ": already exists; a shard is written into a fresh directory");
    }
    return new ShardWriter(model, dir);
  }

  /** Adds a document; {@code key} must be larger than the previous document's. */
  public void add(long key, Document document) {
    if (count > 0 && key <= keys[count - 1]) {
      throw new IllegalArgumentException("order keys must increase: " + key + " after " + keys[count - 1]
          + " (document '" + document.id() + "')");
    }
    if (count == keys.length) {
      keys = Arrays.copyOf(keys, keys.length * 2);
    }
    keys[count++] = key;
    pending.add(document);
    if (pending.size() == CHUNK) {
      flush();
    }
  }

  /** Documents added so far. */
  public int count() {
    return count;
  }

  private void flush() {
    List<StoredEntry> entries = new ArrayList<>(pending.size());
    for (Document d : pending) {
      BitCode code = model.code(d.fullText());
      entries.add(new StoredEntry(index.add(code), d));
    }
    store.add(entries);
    pending.clear();
  }

  /** Encodes what is pending, commits the store, saves the Hamming index, the order and the manifest. */
  public IndexManifest finish() throws IOException {
    flush();
    store.commit();
    store.close();
    finished = true;
    index.save(dir.resolve(IndexLayout.HAMMING));
    ShardOrder.write(dir, Arrays.copyOf(keys, count));
    IndexManifest manifest = new IndexManifest(IndexManifest.FORMAT, IndexManifest.VERSION, Instant.now().toString(),
        count, model.bits(), CodeSpec.of(model.codeShape()), "all", List.of(), List.of(), null);
    IndexLayout.writeManifest(dir, manifest);
    return manifest;
  }

  /** Releases the store when {@link #finish} was not reached; the directory is then the caller's to delete. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      store.close();
    }
  }
}
