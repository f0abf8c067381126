package io.semhash.training;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense-layer parameters "W" [nIn, nOut] and "b", with W (and its gradient) laid out row
 * by row in the flattened parameter vector instead of DL4J's column by column. Why: the sparse
 * first layer reads and writes only the rows of the terms present in a batch, and a contiguous
 * row is one bulk copy and a vectorisable loop where a column-major row is nOut scattered floats.
 *
 * <p>The weight initialisation draws the same numbers as DL4J's own layer and puts each at the
 * same (row, column), so a network seeded alike starts from the same weights.
 */
final class RowMajorWeightInitializer extends DefaultParamInitializer {
  static final RowMajorWeightInitializer INSTANCE = new RowMajorWeightInitializer();

  private RowMajorWeightInitializer() {}

  @Override
  public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    Map<String, INDArray> params = super.init(conf, paramsView, initializeParams);
    INDArray columnMajor = params.get(WEIGHT_KEY);
    INDArray rowMajor = rowMajorView(columnMajor);
    if (initializeParams) {
      rowMajor.assign(columnMajor.dup()); // same memory: copy the initial numbers out first
    }
    params.put(WEIGHT_KEY, rowMajor);
    return params;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
    Map<String, INDArray> gradients = super.getGradientsFromFlattened(conf, gradientView);
    gradients.put(WEIGHT_KEY, rowMajorView(gradients.get(WEIGHT_KEY)));
    return gradients;
  }

  /** The row-major [rows, cols] view of the same contiguous memory a column-major view covers. */
  static INDArray rowMajorView(INDArray columnMajor) {
    long rows = columnMajor.size(0);
    long cols = columnMajor.size(1);
    if (columnMajor.ordering() != 'f' || columnMajor.stride(0) != 1 || columnMajor.stride(1) != rows) {
      throw new IllegalStateException("expected DL4J's contiguous column-major weight view, got "
          + columnMajor.shapeInfoToString());
    }
    return Nd4j.create(columnMajor.data(), new long[] {rows, cols}, new long[] {cols, 1}, columnMajor.offset(), 'c');
  }
}
