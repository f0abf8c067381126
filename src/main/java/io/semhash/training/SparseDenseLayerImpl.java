package io.semhash.training;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sparse-aware dense layer at work: z = xW + b, a = f(z), computed from the non-zeros of x.
 *
 * <p>The input arrives dense [B, V]; one pass over it collects each row's non-zeros (CSR). Forward
 * then sums only the rows of W of those terms; backward computes ∂L/∂W = xᵀδ only on those rows
 * and writes the whole gradient view, zeros included (the updater overwrote it with the last
 * step's update, so the zeros elsewhere must be written too), ∂L/∂b = Σ_rows δ, both divided by the
 * batch size here rather than by DL4J's updater (see {@link #updaterDivideByMinibatch}), and
 * returns <b>no</b> gradient for the input: this layer must be the first of its network.
 *
 * <p>Arrays are read and written in place through {@code data().asNioFloat()}, a view of the
 * whole native buffer; an element (r, c) of an array sits at {@code offset() + r·stride(0) +
 * c·stride(1)}, whatever its order. W is kept row-major ({@link RowMajorWeightInitializer}), so a
 * term's row of W and of its gradient is one contiguous run; other layouts take slower loops.
 *
 * <p>Every forward pass reads its input afresh; a training forward keeps z and the CSR for the
 * backward pass that follows (DL4J's own layer recomputes them), which recomputes them if the
 * input was replaced in between.
 */
public class SparseDenseLayerImpl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
  private transient Csr lastCsr;
  private transient INDArray lastCsrInput;
  private transient INDArray lastZ;
  private final transient ParallelSlices slices;

  /** @param slices the threads of the weight gradient's loop */
  public SparseDenseLayerImpl(NeuralNetConfiguration conf, DataType dataType, ParallelSlices slices) {
    super(conf, dataType);
    this.slices = slices;
  }

  /** A batch's non-zeros, row by row, and the same grouped by term (built once, read forward and backward). */
  record Csr(int rows, int[] rowPtr, int[] cols, float[] vals, Csc byTerm) {
    int nnz() {
      return rowPtr[rows];
    }
  }

  /**
   * Where element (r, c) of a float array lives in its native buffer. The buffer does not keep the
   * array's memory alive: once compiled code no longer needs the INDArray, a GC can hand it to
   * ND4J's deallocator while the buffer is still read (an allocation inside the loop is enough), so
   * every method that reads through a view ends with {@code Reference.reachabilityFence} on the
   * array.
   */
  record View(FloatBuffer buf, int offset, int s0, int s1) {
    int at(long r, long c) {
      return (int) (offset + r * s0 + c * s1);
    }
  }

  static View view(INDArray a) {
    if (a.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("expected a FLOAT array, got " + a.dataType());
    }
    long rows;
    long cols;
    long s0;
    long s1;
    if (a.rank() == 2) {
      rows = a.size(0);
      cols = a.size(1);
      s0 = a.stride(0);
      s1 = a.stride(1);
    } else if (a.rank() == 1) {
      rows = 1;
      cols = a.size(0);
      s0 = 0;
      s1 = a.stride(0);
    } else {
      throw new IllegalArgumentException("expected a vector or matrix, got shape " + Arrays.toString(a.shape()));
    }
    FloatBuffer buf = a.data().asNioFloat();
    long last = a.offset() + (rows - 1) * s0 + (cols - 1) * s1;
    if (a.offset() < 0 || s0 < 0 || s1 < 0 || last >= buf.capacity() || last > Integer.MAX_VALUE) {
      throw new IllegalStateException("array " + Arrays.toString(a.shape()) + " offset " + a.offset()
          + " strides " + s0 + "," + s1 + " does not fit its buffer of " + buf.capacity());
    }
    View v = new View(buf, (int) a.offset(), (int) s0, (int) s1);
    // the layout guess must agree with ND4J's own indexing at both corners
    float first = a.rank() == 2 ? a.getFloat(0, 0) : a.getFloat(0);
    float end = a.rank() == 2 ? a.getFloat(rows - 1, cols - 1) : a.getFloat(cols - 1);
    if (Float.compare(first, buf.get(v.at(0, 0))) != 0 || Float.compare(end, buf.get(v.at(rows - 1, cols - 1))) != 0) {
      throw new IllegalStateException("native buffer layout of " + Arrays.toString(a.shape()) + " is not as expected");
    }
    return v;
  }

  /** The non-zeros of a [B, V] float matrix, row by row, columns ascending. */
  static Csr csr(INDArray x) {
    View v = view(x);
    int rows = (int) x.size(0);
    int cols = (int) x.size(1);
    int[] rowPtr = new int[rows + 1];
    int cap = Math.max(16, rows * 128);
    int[] idx = new int[cap];
    float[] val = new float[cap];
    int n = 0;
    float[] row = v.s1() == 1 ? new float[cols] : null;
    for (int r = 0; r < rows; r++) {
      if (row != null) {
        v.buf().get(v.at(r, 0), row, 0, cols);
      }
      for (int c = 0; c < cols; c++) {
        float f = row != null ? row[c] : v.buf().get(v.at(r, c));
        if (f != 0f) {
          if (n == idx.length) {
            idx = Arrays.copyOf(idx, 2 * n);
            val = Arrays.copyOf(val, 2 * n);
          }
          idx[n] = c;
          val[n] = f;
          n++;
        }
      }
      rowPtr[r + 1] = n;
    }
    Reference.reachabilityFence(x);
    Csr byRow = new Csr(rows, rowPtr, idx, val, null);
    return new Csr(rows, rowPtr, idx, val, byTerm(byRow, cols));
  }

  /** A batch's non-zeros grouped by term: each distinct term, ascending, with the rows it occurs in. */
  record Csc(int[] terms, int[] ptr, int[] rows, float[] vals) {}

  /** {@code x} regrouped by term (a counting sort of its non-zeros; rows stay ascending per term). */
  static Csc byTerm(Csr x, int vocabulary) {
    int nnz = x.nnz();
    int[] cols = x.cols();
    int[] next = new int[vocabulary];
    for (int k = 0; k < nnz; k++) {
      next[cols[k]]++;
    }
    int distinct = 0;
    for (int t = 0; t < vocabulary; t++) {
      if (next[t] > 0) {
        distinct++;
      }
    }
    int[] terms = new int[distinct];
    int[] ptr = new int[distinct + 1];
    for (int t = 0, d = 0, at = 0; t < vocabulary; t++) {
      int count = next[t];
      if (count > 0) {
        terms[d] = t;
        ptr[d++] = at;
        next[t] = at; // from here on: where term t's next occurrence goes
        at += count;
      }
    }
    ptr[distinct] = nnz;
    int[] rows = new int[nnz];
    float[] vals = new float[nnz];
    float[] val = x.vals();
    for (int r = 0; r < x.rows(); r++) {
      for (int k = x.rowPtr()[r], e = x.rowPtr()[r + 1]; k < e; k++) {
        int at = next[cols[k]]++;
        rows[at] = r;
        vals[at] = val[k];
      }
    }
    return new Csc(terms, ptr, rows, vals);
  }

  /** z = x W (+ b) into a row-major float[rows · nOut]. */
  static float[] sparseTimesDense(Csr x, INDArray w, INDArray bias) {
    View wv = view(w);
    int nOut = (int) w.size(1);
    int rows = x.rows();
    FloatBuffer wb = wv.buf();
    float[] z = new float[rows * nOut];
    if (wv.s1() == 1) {
      // row-major W: each term's row once to the heap, then added to the rows of the documents
      // that hold the term (a contiguous loop C2 vectorises); z[r] still sums its terms in order
      Csc byTerm = x.byTerm();
      float[] wRow = new float[nOut];
      int[] rowOf = byTerm.rows();
      float[] valOf = byTerm.vals();
      for (int d = 0; d < byTerm.terms().length; d++) {
        wb.get(wv.at(byTerm.terms()[d], 0), wRow, 0, nOut);
        int p = byTerm.ptr()[d];
        int e = byTerm.ptr()[d + 1];
        // four documents per pass (a term occurs once per document, so the four rows differ):
        // C2's vector loop over 500 floats leaves a long scalar tail, paid once per pass
        for (; p + 3 < e; p += 4) {
          float v0 = valOf[p];
          float v1 = valOf[p + 1];
          float v2 = valOf[p + 2];
          float v3 = valOf[p + 3];
          int b0 = rowOf[p] * nOut;
          int b1 = rowOf[p + 1] * nOut;
          int b2 = rowOf[p + 2] * nOut;
          int b3 = rowOf[p + 3] * nOut;
          for (int j = 0; j < nOut; j++) {
            float wj = wRow[j];
            z[b0 + j] += v0 * wj;
            z[b1 + j] += v1 * wj;
            z[b2 + j] += v2 * wj;
            z[b3 + j] += v3 * wj;
          }
        }
        for (; p < e; p++) {
          float v = valOf[p];
          int base = rowOf[p] * nOut;
          for (int j = 0; j < nOut; j++) {
            z[base + j] += v * wRow[j];
          }
        }
      }
    } else {
      int[] ptr = x.rowPtr();
      int[] idx = x.cols();
      float[] val = x.vals();
      int s0 = wv.s0();
      int s1 = wv.s1();
      for (int r = 0; r < rows; r++) {
        int zr = r * nOut;
        for (int k = ptr[r], e = ptr[r + 1]; k < e; k++) {
          float v = val[k];
          int rowStart = wv.offset() + idx[k] * s0;
          for (int j = 0; j < nOut; j++) {
            z[zr + j] += v * wb.get(rowStart + j * s1);
          }
        }
      }
    }
    if (bias != null) {
      View bv = view(bias);
      for (int j = 0; j < nOut; j++) {
        float b = bv.buf().get(bv.at(0, j));
        for (int r = 0; r < rows; r++) {
          z[r * nOut + j] += b;
        }
      }
    }
    Reference.reachabilityFence(w);
    Reference.reachabilityFence(bias);
    return z;
  }

  /**
   * gW ← xᵀ δ: every element of gW is written (zero on the rows of terms absent from x), so the
   * caller need not clear it first.
   */
  static void writeWeightGradient(Csr x, float[] delta, int nOut, INDArray gW, ParallelSlices slices) {
    View gv = view(gW);
    FloatBuffer gb = gv.buf();
    int v = (int) gW.size(0);
    if (gv.s1() != 1 || gv.s0() != nOut) {
      int[] ptr = x.rowPtr();
      int[] idx = x.cols();
      float[] val = x.vals();
      gW.assign(0);
      for (int r = 0; r < x.rows(); r++) {
        for (int j = 0; j < nOut; j++) {
          float d = delta[r * nOut + j];
          for (int k = ptr[r], e = ptr[r + 1]; k < e; k++) {
            int at = gv.at(idx[k], j);
            gb.put(at, gb.get(at) + val[k] * d);
          }
        }
      }
      Reference.reachabilityFence(gW);
      return;
    }
    // contiguous row-major gW: each present term's row summed on the heap and written whole, the
    // rows in between written with zeros in bulk. The threads split the batch's non-zeros, each
    // taking the terms that start in its share and the gradient rows from its first term on.
    Csc byTerm = x.byTerm();
    int[] ptr = byTerm.ptr();
    int distinct = byTerm.terms().length;
    slices.run(x.nnz(), 4096, 1, (from, to) -> {
      int dFrom = firstTermAtOrAfter(ptr, distinct, from);
      int dTo = to == x.nnz() ? distinct : firstTermAtOrAfter(ptr, distinct, to);
      writeTermRows(byTerm, dFrom, dTo, delta, nOut, gv, v);
    });
    Reference.reachabilityFence(gW);
  }

  /** The first term index d with ptr[d] ≥ at ({@code distinct} if none). */
  private static int firstTermAtOrAfter(int[] ptr, int distinct, int at) {
    int lo = 0;
    int hi = distinct;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ptr[mid] < at) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Gradient rows [start(dFrom), start(dTo)), where start(d) is term d's row, 0 for the first and V
   * past the last: the rows of terms dFrom..dTo−1 summed, the rows between them zero.
   */
  private static void writeTermRows(Csc byTerm, int dFrom, int dTo, float[] delta, int nOut, View gv, int v) {
    int[] terms = byTerm.terms();
    int[] rowOf = byTerm.rows();
    float[] valOf = byTerm.vals();
    float[] row = new float[nOut];
    float[] zeros = new float[Math.min(v, 256) * nOut];
    int nextRow = dFrom == 0 ? 0 : dFrom == terms.length ? v : terms[dFrom];
    for (int d = dFrom; d < dTo; d++) {
      int t = terms[d];
      writeZeroRows(gv, nextRow, t, nOut, zeros);
      Arrays.fill(row, 0f);
      int p = byTerm.ptr()[d];
      int e = byTerm.ptr()[d + 1];
      // four documents per pass, added in the same order as one by one (same rounding); see above
      for (; p + 3 < e; p += 4) {
        float x0 = valOf[p];
        float x1 = valOf[p + 1];
        float x2 = valOf[p + 2];
        float x3 = valOf[p + 3];
        int b0 = rowOf[p] * nOut;
        int b1 = rowOf[p + 1] * nOut;
        int b2 = rowOf[p + 2] * nOut;
        int b3 = rowOf[p + 3] * nOut;
        for (int j = 0; j < nOut; j++) {
          row[j] = (((row[j] + x0 * delta[b0 + j]) + x1 * delta[b1 + j]) + x2 * delta[b2 + j]) + x3 * delta[b3 + j];
        }
      }
      for (; p < e; p++) {
        float xv = valOf[p];
        int base = rowOf[p] * nOut;
        for (int j = 0; j < nOut; j++) {
          row[j] += xv * delta[base + j];
        }
      }
      gv.buf().put(gv.at(t, 0), row, 0, nOut);
      nextRow = t + 1;
    }
    writeZeroRows(gv, nextRow, dTo == terms.length ? v : terms[dTo], nOut, zeros);
  }

  /** Rows [from, to) of a contiguous row-major view set to zero, a chunk of rows per bulk copy. */
  private static void writeZeroRows(View gv, int from, int to, int nOut, float[] zeros) {
    int chunkRows = zeros.length / nOut;
    for (int r = from; r < to; r += chunkRows) {
      int n = Math.min(chunkRows, to - r);
      gv.buf().put(gv.at(r, 0), zeros, 0, n * nOut);
    }
  }

  /** A row-major float[] copy of a small [rows, cols] float matrix. */
  static float[] toRowMajor(INDArray a) {
    View v = view(a);
    int rows = (int) a.size(0);
    int cols = (int) a.size(1);
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = v.buf().get(v.at(r, c));
      }
    }
    Reference.reachabilityFence(a);
    return out;
  }

  private INDArray floatInput() {
    if (dataType != DataType.FLOAT) {
      throw new IllegalStateException("SparseDenseLayer needs a FLOAT network, got " + dataType);
    }
    INDArray x = input.castTo(DataType.FLOAT);
    INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
    if (x.rank() != 2 || x.size(1) != w.size(0)) {
      throw new DL4JInvalidInputException("expected input [batch, " + w.size(0) + "], got "
          + Arrays.toString(x.shape()) + " " + layerId());
    }
    return x;
  }

  private Csr currentCsr() {
    if (lastCsr == null || lastCsrInput != input) {
      lastCsr = csr(floatInput());
      lastCsrInput = input;
      lastZ = null;
    }
    return lastCsr;
  }

  @Override
  protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
    return preOutputWithPreNorm(training, false, workspaceMgr).getFirst();
  }

  @Override
  protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(forBackprop);
    applyDropOutIfNecessary(training, workspaceMgr);
    Csr x = currentCsr();
    INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
    INDArray b = hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null;
    int nOut = (int) w.size(1);
    float[] z = sparseTimesDense(x, w, b);
    INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {x.rows(), nOut}, 'c');
    View rv = view(ret.assign(0)); // assign: the layout probe must not read garbage
    if (rv.s1() == 1 && rv.s0() == nOut) {
      rv.buf().put(rv.at(0, 0), z, 0, z.length);
    } else {
      for (int r = 0; r < x.rows(); r++) {
        for (int j = 0; j < nOut; j++) {
          rv.buf().put(rv.at(r, j), z[r * nOut + j]);
        }
      }
    }
    if (maskArray != null) {
      applyMask(ret);
    }
    return new Pair<>(ret, ret);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    lastCsr = null; // a forward pass always reads its input afresh
    INDArray z = preOutput(training, workspaceMgr);
    if (training) {
      lastZ = z.dup();
    }
    INDArray ret = layerConf().getActivationFn().getActivation(z, training);
    if (maskArray != null) {
      applyMask(ret);
    }
    return ret;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    Csr x = currentCsr();
    INDArray z = lastZ != null ? lastZ : preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
    lastZ = null;
    INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
    if (maskArray != null) {
      applyMask(delta);
    }
    int nOut = (int) delta.size(1);
    float[] d = toRowMajor(delta);
    // the gradient leaves here already divided by the mini-batch size (see updaterDivideByMinibatch)
    float perRow = 1f / x.rows();
    for (int i = 0; i < d.length; i++) {
      d[i] *= perRow;
    }

    Gradient ret = new DefaultGradient();
    if (hasBias()) {
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      View bv = view(biasGrad);
      for (int j = 0; j < nOut; j++) {
        float s = 0f;
        for (int r = 0; r < x.rows(); r++) {
          s += d[r * nOut + j];
        }
        bv.buf().put(bv.at(0, j), s);
      }
      ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
    }
    INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    writeWeightGradient(x, d, nOut, weightGrad, slices);
    ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);

    clearNoiseWeightParams();
    // first layer: nobody needs ∂L/∂x, and DL4J accepts none from layer 0
    return new Pair<>(ret, null);
  }

  /**
   * False: this layer's gradient is already the mini-batch mean, δ having been scaled by 1/B before
   * the weight gradient was written. DL4J would otherwise divide the whole [V, H] gradient view
   * (85% of the VAE's parameters) in one more pass over it, every step.
   */
  @Override
  public boolean updaterDivideByMinibatch(String paramName) {
    return false;
  }

  @Override
  public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    super.setInput(input, workspaceMgr);
    lastCsr = null;
    lastZ = null;
  }

  @Override
  public void clear() {
    super.clear();
    lastCsr = null;
    lastCsrInput = null;
    lastZ = null;
  }
}
