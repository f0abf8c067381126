package io.semhash.shards;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The file {@value ShardedLayout#ORDER} of a shard: the global storage order of the shard's
 * documents, one {@code long} key per stored number, strictly increasing with the number. Keys
 * are comparable across the shards of one sharded directory (a document's position in the
 * corpus, or any key increasing in reading order), so ranking by (distance, key) over all shards
 * is ranking by (distance, storage order) in one directory of the same documents.
 *
 * <p>Format: magic {@code SEMHORDR}, version (int), count (long), the keys as little-endian longs,
 * then a CRC32C of everything before it (int). Written once, when the shard is built, and forced
 * to disk.
 */
public final class ShardOrder {
  private static final byte[] MAGIC = "SEMHORDR".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER = MAGIC.length + 4 + 8;

  private ShardOrder() {}

  /** Writes the keys of a shard's numbers 0 .. keys.length - 1; they must increase strictly. */
  public static void write(Path shardDir, long[] keys) throws IOException {
    checkIncreasing(keys, shardDir.resolve(ShardedLayout.ORDER).toString());
    ByteBuffer buf = ByteBuffer.allocate(HEADER + 8 * keys.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(VERSION).putLong(keys.length);
    for (long k : keys) {
      buf.putLong(k);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    buf.flip();
    try (FileChannel ch = FileChannel.open(shardDir.resolve(ShardedLayout.ORDER),
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** Reads and checks a shard's keys; the error names the file and the problem. */
  public static long[] read(Path shardDir) throws IOException {
    Path file = shardDir.resolve(ShardedLayout.ORDER);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file + ": shard order file missing");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < HEADER + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new IOException(file + ": not a shard order file");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(MAGIC.length);
    int version = buf.getInt();
    long count = buf.getLong();
    if (version != VERSION) {
      throw new IOException(file + ": expected version " + VERSION + ", got " + version);
    }
    if (count < 0 || bytes.length != HEADER + 8 * count + 4) {
      throw new IOException(file + ": truncated or damaged: " + count + " keys in " + bytes.length + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (stored != (int) crc.getValue()) {
      throw new IOException(file + ": checksum mismatch (file damaged)");
    }
    long[] keys = new long[(int) count];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = buf.getLong();
    }
    checkIncreasing(keys, file.toString());
    return keys;
  }

  private static void checkIncreasing(long[] keys, String where) throws IOException {
    for (int i = 1; i < keys.length; i++) {
      if (keys[i] <= keys[i - 1]) {
        throw new IOException(where + ": keys must increase with the stored number; number " + i + " has key "
            + keys[i] + " after " + keys[i - 1]);
      }
    }
  }
}
