package io.semhash.index;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/**
 * The on-disk format of a saved index: a directory holding
 *
 * <ul>
 *   <li>{@code MANIFEST}: text, {@code key=value} lines: {@code format=semhash-hamming-index},
 *       {@code version}, kind, bits, size, substrings, generation, the names and lengths of the
 *       two data files, for categorical codes their shape ({@code code.type=categorical}, {@code
 *       code.groups}, {@code code.classes}), and last a CRC32C of everything before it. Binary
 *       indexes are written as version 1, without the shape, as before categorical codes
 *       existed; categorical ones as version 2, so a reader that knows only binary codes refuses
 *       them instead of measuring their symbols in bits. A version 1 manifest is binary. The
 *       manifest is written last and renamed into place atomically, so it is the commit point of a
 *       save.
 *   <li>{@code codes-G.bin}: a 64-byte header (magic {@code SEMHCODE}, version, bits, words per
 *       code, classes per group or 0 for binary codes, count), the codes as little-endian longs (the bit order of docs/ARCHITECTURE.md), so the data starts
 *       8-byte aligned and can be memory-mapped as is, then an 8-byte trailer: CRC32C of header and
 *       data, and magic {@code SHND}.
 *   <li>{@code deleted-G.bin}: a 32-byte header (magic {@code SEMHTOMB}, version, size, payload
 *       length), the tombstones as a portable RoaringBitmap, the same trailer.
 * </ul>
 *
 * G is a generation number incremented by each save, so a save never overwrites the files the
 * current manifest names; files of older generations are removed after the new manifest is in
 * place. Every file is written to a temporary name, forced to disk and renamed.
 */
final class IndexFiles {

  static final String FORMAT = "semhash-hamming-index";
  static final int VERSION = 1;
  /** The manifest version of categorical indexes: version 1 and the code shape. */
  static final int CATEGORICAL_VERSION = 2;
  /** Version of the code and tombstone files. */
  private static final int FILE_VERSION = 1;
  static final String MANIFEST = "MANIFEST";
  private static final byte[] CODES_MAGIC = "SEMHCODE".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TOMB_MAGIC = "SEMHTOMB".getBytes(StandardCharsets.US_ASCII);
  private static final int TRAILER_MAGIC = 0x444E4853; // "SHND" little-endian
  private static final int CODES_HEADER = 64;
  private static final int TOMB_HEADER = 32;
  private static final int TRAILER = 8;
  private static final int CHUNK = 1 << 20;

  /** What {@link #load} read. */
  record Loaded(String kind, int substrings, CodeStore store) {}

  private IndexFiles() {}

  static void save(Path dir, String kind, int substrings, Snapshot s) throws IOException {
    Files.createDirectories(dir);
    long generation = currentGeneration(dir) + 1;
    String codesName = String.format("codes-%06d.bin", generation);
    String deletedName = String.format("deleted-%06d.bin", generation);
    long codesLength = writeCodes(dir.resolve(codesName), s);
    long deletedLength = writeDeleted(dir.resolve(deletedName), s);
    StringBuilder m = new StringBuilder();
    m.append("# semhash Hamming index; see io.semhash.index.IndexFiles\n");
    CodeShape shape = s.shape();
    m.append("format=").append(FORMAT).append('\n');
    m.append("version=").append(shape.isBinary() ? VERSION : CATEGORICAL_VERSION).append('\n');
    m.append("kind=").append(kind).append('\n');
    m.append("bits=").append(s.bits()).append('\n');
    m.append("size=").append(s.size()).append('\n');
    m.append("substrings=").append(substrings).append('\n');
    m.append("generation=").append(generation).append('\n');
    m.append("codes=").append(codesName).append('\n');
    m.append("codes.length=").append(codesLength).append('\n');
    m.append("deleted=").append(deletedName).append('\n');
    m.append("deleted.length=").append(deletedLength).append('\n');
    if (!shape.isBinary()) {
      m.append("code.type=categorical\n");
      m.append("code.groups=").append(shape.groups()).append('\n');
      m.append("code.classes=").append(shape.classes()).append('\n');
    }
    byte[] body = m.toString().getBytes(StandardCharsets.UTF_8);
    String text = m + "checksum=" + Integer.toHexString(crc(body)) + "\n";
    writeAtomically(dir.resolve(MANIFEST), ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    syncDirectory(dir);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "{codes,deleted}-*.bin")) {
      for (Path p : old) {
        String name = p.getFileName().toString();
        if (!name.equals(codesName) && !name.equals(deletedName)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static Loaded load(Path dir, boolean mmap) throws IOException {
    Path mf = dir.resolve(MANIFEST);
    Properties p = readManifest(mf);
    String kind = p.getProperty("kind");
    if (!HammingScanIndex.KIND.equals(kind) && !MultiIndexHashingIndex.KIND.equals(kind)) {
      throw new CorruptIndexException(mf, "unknown index kind '" + kind + "' (expected scan or mih)");
    }
    CodeShape shape = shapeOf(mf, p);
    int bits = shape.bits();
    int size = intProp(mf, p, "size");
    int substrings = intProp(mf, p, "substrings");
    Path codes = dir.resolve(p.getProperty("codes", "codes.bin"));
    Path deleted = dir.resolve(p.getProperty("deleted", "deleted.bin"));
    checkLength(codes, longProp(mf, p, "codes.length"));
    checkLength(deleted, longProp(mf, p, "deleted.length"));
    RoaringBitmap tomb = readDeleted(deleted, size);
    int wpc = BitCode.wordsFor(bits);
    CodeStore store;
    if (mmap) {
      ByteBuffer data = mapCodes(codes, shape, wpc, size);
      store = new CodeStore(shape, data, size, new long[0], size, tomb);
    } else {
      store = new CodeStore(shape, null, 0, readCodes(codes, shape, wpc, size), size, tomb);
    }
    return new Loaded(kind, substrings, store);
  }

  /** Reads the manifest and checks its format, version and checksum. */
  private static Properties readManifest(Path mf) throws IOException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(mf);
    } catch (NoSuchFileException e) {
      throw new CorruptIndexException(mf, "missing: not a saved semhash index directory");
    }
    String text = new String(raw, StandardCharsets.UTF_8);
    int at = text.lastIndexOf("checksum=");
    if (at < 0) {
      throw new CorruptIndexException(mf, "no checksum line (truncated?)");
    }
    String stored = text.substring(at + "checksum=".length()).trim();
    String computed = Integer.toHexString(crc(text.substring(0, at).getBytes(StandardCharsets.UTF_8)));
    Properties p = new Properties();
    p.load(new StringReader(text));
    String format = p.getProperty("format");
    if (!FORMAT.equals(format)) {
      throw new CorruptIndexException(mf, "format '" + format + "' is not a semhash Hamming index (expected '" + FORMAT + "')");
    }
    int version = intProp(mf, p, "version");
    if (version != VERSION && version != CATEGORICAL_VERSION) {
      throw new CorruptIndexException(mf, "format version " + version + " is not supported (expected "
          + VERSION + " or " + CATEGORICAL_VERSION + ")");
    }
    if (!stored.equals(computed)) {
      throw new CorruptIndexException(mf, "checksum mismatch: stored " + stored + ", computed " + computed);
    }
    return p;
  }

  /** The code shape a checked manifest records: binary in version 1, the code.* keys in version 2. */
  private static CodeShape shapeOf(Path mf, Properties p) throws IOException {
    int bits = intProp(mf, p, "bits");
    try {
      BitCode.checkBits(bits);
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(mf, e.getMessage());
    }
    if (intProp(mf, p, "version") == VERSION) {
      return CodeShape.binary(bits);
    }
    String type = p.getProperty("code.type");
    if (!"categorical".equals(type)) {
      throw new CorruptIndexException(mf, "code.type='" + type + "': a version " + CATEGORICAL_VERSION
          + " index holds categorical codes (expected code.type=categorical)");
    }
    CodeShape shape;
    try {
      shape = new CodeShape(intProp(mf, p, "code.groups"), intProp(mf, p, "code.classes"));
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(mf, "code shape: " + e.getMessage());
    }
    if (shape.bits() != bits) {
      throw new CorruptIndexException(mf, "code shape " + shape + " takes " + shape.bits() + " bits, the manifest says bits="
          + bits);
    }
    return shape;
  }

  // ---- codes file

  private static long writeCodes(Path file, Snapshot s) throws IOException {
    Path tmp = tempFor(file);
    CRC32C crc = new CRC32C();
    int wpc = s.wpc();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(CODES_HEADER).order(ByteOrder.LITTLE_ENDIAN);
      header.put(CODES_MAGIC).putInt(FILE_VERSION).putInt(s.bits()).putInt(wpc).putInt(headerClasses(s.shape()))
          .putLong(s.size());
      header.clear();
      crc.update(header.duplicate());
      writeFully(ch, header);
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (int id = 0; id < s.size(); id++) {
        if (buf.remaining() < 8 * wpc) {
          flush(ch, buf, crc);
        }
        for (int w = 0; w < wpc; w++) {
          buf.putLong(s.word(id, w));
        }
      }
      flush(ch, buf, crc);
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
      trailer.putInt((int) crc.getValue()).putInt(TRAILER_MAGIC).flip();
      writeFully(ch, trailer);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return Files.size(file);
  }

  /** The classes field of a code file's header: 0 for binary codes (as files before categorical codes have). */
  private static int headerClasses(CodeShape shape) {
    return shape.isBinary() ? 0 : shape.classes();
  }

  private static long[] readCodes(Path file, CodeShape shape, int wpc, int size) throws IOException {
    int bits = shape.bits();
    long words = (long) size * wpc;
    if (words > Integer.MAX_VALUE - 16) {
      throw new CorruptIndexException(file, size + " codes of " + bits + " bits do not fit one Java array");
    }
    long[] out = new long[(int) words];
    CRC32C crc = new CRC32C();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(CODES_HEADER).order(ByteOrder.LITTLE_ENDIAN);
      readFully(file, ch, header);
      checkCodesHeader(file, header, shape, wpc, size);
      crc.update(header.flip());
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      int i = 0;
      while (i < out.length) {
        buf.clear();
        buf.limit((int) Math.min(CHUNK, 8L * (out.length - i)));
        readFully(file, ch, buf);
        buf.flip();
        crc.update(buf.duplicate());
        buf.asLongBuffer().get(out, i, buf.remaining() >>> 3);
        i += buf.remaining() >>> 3;
      }
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
      readFully(file, ch, trailer);
      checkTrailer(file, trailer.flip(), crc);
    }
    return out;
  }

  private static ByteBuffer mapCodes(Path file, CodeShape shape, int wpc, int size) throws IOException {
    long dataBytes = 8L * size * wpc;
    long fileBytes = CODES_HEADER + dataBytes + TRAILER;
    if (fileBytes > Integer.MAX_VALUE) {
      throw new IOException(file + ": " + dataBytes + " bytes of codes are too large to memory-map as one buffer (limit 2 GiB); load without mmap");
    }
    MappedByteBuffer map;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      map = ch.map(FileChannel.MapMode.READ_ONLY, 0, fileBytes);
    }
    map.order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer header = map.slice(0, CODES_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    checkCodesHeader(file, header, shape, wpc, size);
    CRC32C crc = new CRC32C();
    crc.update(map.slice(0, (int) (CODES_HEADER + dataBytes)));
    checkTrailer(file, map.slice((int) (CODES_HEADER + dataBytes), TRAILER).order(ByteOrder.LITTLE_ENDIAN), crc);
    return map.slice(CODES_HEADER, (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void checkCodesHeader(Path file, ByteBuffer h, CodeShape shape, int wpc, int size) throws IOException {
    int bits = shape.bits();
    byte[] magic = new byte[8];
    h.get(0, magic);
    if (!java.util.Arrays.equals(magic, CODES_MAGIC)) {
      throw new CorruptIndexException(file, "not a semhash code file: expected magic SEMHCODE, found '" + printable(magic) + "'");
    }
    int version = h.getInt(8);
    if (version != FILE_VERSION) {
      throw new CorruptIndexException(file, "format version " + version + " is not supported (expected " + FILE_VERSION + ")");
    }
    int classes = h.getInt(20);
    if (classes != headerClasses(shape)) {
      throw new CorruptIndexException(file, "header says " + (classes == 0 ? "binary codes" : classes + " classes per group")
          + ", the manifest " + (shape.isBinary() ? "binary codes" : "codes of shape " + shape + " (groups x classes)"));
    }
    int fb = h.getInt(12);
    int fw = h.getInt(16);
    long fc = h.getLong(24);
    if (fb != bits || fw != wpc || fc != size) {
      throw new CorruptIndexException(file, "header says " + fc + " codes of " + fb + " bits (" + fw
          + " words), the manifest " + size + " codes of " + bits + " bits (" + wpc + " words)");
    }
  }

  // ---- tombstones file

  private static long writeDeleted(Path file, Snapshot s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.deleted().serialize(new DataOutputStream(bytes));
    byte[] payload = bytes.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(TOMB_HEADER + payload.length + TRAILER).order(ByteOrder.LITTLE_ENDIAN);
    b.put(TOMB_MAGIC).putInt(FILE_VERSION).putInt(s.size()).putInt(payload.length).putInt(0);
    b.position(TOMB_HEADER);
    b.put(payload);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, TOMB_HEADER + payload.length);
    b.putInt((int) crc.getValue()).putInt(TRAILER_MAGIC).flip();
    writeAtomically(file, b);
    return Files.size(file);
  }

  private static RoaringBitmap readDeleted(Path file, int size) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (all.length < TOMB_HEADER + TRAILER) {
      throw new CorruptIndexException(file, "truncated: " + all.length + " bytes, a tombstone file has at least " + (TOMB_HEADER + TRAILER));
    }
    byte[] magic = new byte[8];
    b.get(0, magic);
    if (!java.util.Arrays.equals(magic, TOMB_MAGIC)) {
      throw new CorruptIndexException(file, "not a semhash tombstone file: expected magic SEMHTOMB, found '" + printable(magic) + "'");
    }
    int version = b.getInt(8);
    if (version != FILE_VERSION) {
      throw new CorruptIndexException(file, "format version " + version + " is not supported (expected " + FILE_VERSION + ")");
    }
    int payload = b.getInt(16);
    if (payload < 0 || TOMB_HEADER + (long) payload + TRAILER != all.length) {
      throw new CorruptIndexException(file, "length " + all.length + " does not match header payload length " + payload);
    }
    CRC32C crc = new CRC32C();
    crc.update(all, 0, TOMB_HEADER + payload);
    checkTrailer(file, b.slice(TOMB_HEADER + payload, TRAILER).order(ByteOrder.LITTLE_ENDIAN), crc);
    if (b.getInt(12) != size) {
      throw new CorruptIndexException(file, "header says index size " + b.getInt(12) + ", the manifest " + size);
    }
    RoaringBitmap r = new RoaringBitmap();
    try {
      r.deserialize(b.slice(TOMB_HEADER, payload));
    } catch (RuntimeException | IOException e) {
      throw new CorruptIndexException(file, "unreadable tombstone bitmap: " + e);
    }
    if (!r.isEmpty() && r.last() >= size) {
      throw new CorruptIndexException(file, "tombstone id " + r.last() + " outside [0, " + size + ")");
    }
    return r;
  }

  // ---- common

  private static void checkTrailer(Path file, ByteBuffer t, CRC32C crc) throws IOException {
    int stored = t.getInt(0);
    int magic = t.getInt(4);
    if (magic != TRAILER_MAGIC) {
      throw new CorruptIndexException(file, "bad trailer: expected magic SHND at the end (truncated or overwritten?)");
    }
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw new CorruptIndexException(file, "checksum mismatch: stored CRC32C " + Integer.toHexString(stored)
          + ", computed " + Integer.toHexString(computed));
    }
  }

  private static void checkLength(Path file, long expected) throws IOException {
    long actual;
    try {
      actual = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new CorruptIndexException(file, "missing (named by the manifest)");
    }
    if (actual != expected) {
      throw new CorruptIndexException(file, (actual < expected ? "truncated" : "wrong length") + ": "
          + actual + " bytes, the manifest says " + expected);
    }
  }

  private static long currentGeneration(Path dir) {
    try {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(dir.resolve(MANIFEST))));
      return Long.parseLong(p.getProperty("generation", "0"));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static int intProp(Path mf, Properties p, String key) throws IOException {
    long v = longProp(mf, p, key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new CorruptIndexException(mf, key + "=" + v + " out of range");
    }
    return (int) v;
  }

  private static long longProp(Path mf, Properties p, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null) {
      throw new CorruptIndexException(mf, "missing key '" + key + "'");
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new CorruptIndexException(mf, key + "='" + v + "' is not a number");
    }
  }

  private static void writeAtomically(Path file, ByteBuffer content) throws IOException {
    Path tmp = tempFor(file);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      writeFully(ch, content);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path tempFor(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can fsync a directory; the renames are still atomic.
    }
  }

  private static void flush(FileChannel ch, ByteBuffer buf, CRC32C crc) throws IOException {
    buf.flip();
    crc.update(buf.duplicate());
    writeFully(ch, buf);
    buf.clear();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void readFully(Path file, FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new CorruptIndexException(file, "truncated: ended " + b.remaining() + " bytes early");
      }
    }
  }

  private static int crc(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes, 0, bytes.length);
    return (int) c.getValue();
  }

  private static String printable(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(x >= 32 && x < 127 ? (char) x : '?');
    }
    return sb.toString();
  }
}
