package io.semhash.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The trained numbers a model directory keeps, as row-major float matrices: the encoder
 * (W1 [V×H], b1, W2 [H×H], b2, W3 [H×b], b3) and the decoder (W4 [b×V], b4), which explains what
 * each bit means. Stored in semhash's own little-endian format, never by Java serialisation, and
 * read with every size checked, so a truncated or foreign file is an error naming it.
 *
 * <p>Plain data: the training package copies a trained network into it, and nothing here knows
 * the network, so a model directory is read and used without DL4J.
 */
public record ModelWeights(List<Matrix> matrices) {
  static final int MAGIC = 0x53484D57; // "SHMW"
  static final int VERSION = 1;
  /** The matrices in file order. */
  public static final List<String> NAMES = List.of("W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4");

  /** One named row-major matrix. */
  public record Matrix(String name, int rows, int cols, float[] data) {
    public Matrix {
      if ((long) rows * cols != data.length) {
        throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " does not match " + data.length + " values");
      }
    }
  }

  public ModelWeights {
    matrices = List.copyOf(matrices);
    if (matrices.size() != NAMES.size()) {
      throw new IllegalArgumentException("expected " + NAMES.size() + " matrices, got " + matrices.size());
    }
  }

  public Matrix get(String name) {
    return matrices.get(NAMES.indexOf(name));
  }

  public int vocabularySize() {
    return get("W1").rows();
  }

  public int hidden() {
    return get("W1").cols();
  }

  public int bits() {
    return get("W3").cols();
  }

  public void write(Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      for (Matrix m : matrices) {
        out.writeInt(m.rows());
        out.writeInt(m.cols());
        ByteBuffer buf = ByteBuffer.allocate(m.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(m.data());
        out.write(buf.array());
      }
    }
  }

  public static ModelWeights read(Path file) throws IOException {
    long size = Files.size(file);
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IOException(file + ": not a semhash weights file: expected cookie 0x"
            + Integer.toHexString(MAGIC) + ", got 0x" + Integer.toHexString(magic));
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + ": weights format version " + version + " is not supported (expected " + VERSION + ")");
      }
      Matrix[] m = new Matrix[NAMES.size()];
      long expected = 8;
      for (int i = 0; i < m.length; i++) {
        int rows = in.readInt();
        int cols = in.readInt();
        expected += 8 + 4L * rows * cols;
        if (rows < 1 || cols < 1 || expected > size) {
          throw new IOException(file + ": truncated or corrupt at matrix " + NAMES.get(i) + " (" + rows + "x" + cols
              + ", file has " + size + " bytes)");
        }
        byte[] bytes = new byte[rows * cols * 4];
        in.readFully(bytes);
        float[] data = new float[rows * cols];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        m[i] = new Matrix(NAMES.get(i), rows, cols, data);
      }
      if (expected != size) {
        throw new IOException(file + ": " + (size - expected) + " unexpected bytes after the weights");
      }
      return new ModelWeights(List.of(m));
    } catch (EOFException e) {
      throw new IOException(file + ": truncated", e);
    }
  }
}
