package io.semhash.training;

import java.util.Collection;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.Solver;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.StochasticGradientDescent;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@link MultiLayerNetwork} whose SGD step, params −= update, happens inside {@link FastAdam}'s
 * pass over the parameters rather than in a pass of its own.
 *
 * <p>Why: DL4J's step function subtracts the updater's output from the parameters in one more
 * native pass over all of them (5.6 M floats for the 64-bit VAE, ~85% of them the first layer's);
 * the training step is bound by memory traffic, and that pass read the update and the parameters
 * back right after Adam had written the update. Here Adam, which already streams every parameter's
 * gradient and moments, subtracts the update as it goes, with the same float operation, so the
 * parameters are the same to the last bit.
 *
 * <p>How: for the length of each {@link #fit(org.nd4j.linalg.dataset.api.DataSet)} every {@link
 * FastAdam} updater is given its block of the parameters, and the network's solver runs DL4J's own {@link
 * StochasticGradientDescent} with a step function that skips the blocks whose update was
 * subtracted already and subtracts the others as DL4J's default does. Nothing depends on the
 * fusion happening: an updater that falls back to ND4J's op leaves its update for the step.
 */
public class FusedStepNetwork extends MultiLayerNetwork {

  public FusedStepNetwork(MultiLayerConfiguration conf) {
    super(conf);
  }

  @Override
  public void fit(org.nd4j.linalg.dataset.api.DataSet data) {
    if (!(solver instanceof FusedStepSolver)) {
      solver = new FusedStepSolver(this);
    }
    bindUpdaters(true);
    try {
      super.fit(data);
    } finally {
      // other ways of training (or a solver DL4J builds anew) get the unfused updaters
      bindUpdaters(false);
    }
  }

  /** Gives every FastAdam updater the parameters of its block, or takes them back. */
  private void bindUpdaters(boolean bind) {
    if (!(getUpdater(true) instanceof BaseMultiLayerUpdater<?> updater)) {
      return;
    }
    INDArray params = flat(params());
    for (UpdaterBlock block : updater.getUpdaterBlocks()) {
      if (block.getGradientUpdater() == null) {
        block.init();
      }
      if (block.getGradientUpdater() instanceof FastAdam.Updater u) {
        u.subtractFrom(bind ? params.get(NDArrayIndex.interval(block.getParamOffsetStart(), block.getParamOffsetEnd())) : null);
      }
    }
  }

  private static INDArray flat(INDArray a) {
    return a.reshape(a.length());
  }

  /** DL4J's solver for SGD, with {@link FusedAdamStep} as its step function. */
  private static final class FusedStepSolver extends Solver {
    private final StochasticGradientDescent optimizer;

    FusedStepSolver(FusedStepNetwork net) {
      if (net.conf().getOptimizationAlgo() != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT) {
        throw new IllegalStateException("FusedStepNetwork needs stochastic gradient descent, got "
            + net.conf().getOptimizationAlgo());
      }
      optimizer = new StochasticGradientDescent(net.conf(), new FusedAdamStep(net), net.getListeners(), net);
    }

    @Override
    public void optimize(LayerWorkspaceMgr workspaceMgr) {
      optimizer.optimize(workspaceMgr);
    }

    @Override
    public void initOptimizer() {
      // built in the constructor
    }

    @Override
    public ConvexOptimizer getOptimizer() {
      return optimizer;
    }

    @Override
    public void setListeners(Collection<TrainingListener> listeners) {
      optimizer.setListeners(listeners);
    }
  }

  /**
   * DL4J's default SGD step (params −= update) for the blocks whose updater did not subtract the
   * update itself.
   */
  private static final class FusedAdamStep implements StepFunction {
    private static final long serialVersionUID = 1L;
    private final transient FusedStepNetwork net;

    FusedAdamStep(FusedStepNetwork net) {
      this.net = net;
    }

    @Override
    public void step(INDArray x, INDArray line, double step) {
      step(x, line);
    }

    @Override
    public void step(INDArray x, INDArray line) {
      if (!(net.getUpdater(false) instanceof BaseMultiLayerUpdater<?> updater) || x != net.params()) {
        x.subi(line);
        return;
      }
      // as DL4J's step everywhere but on the blocks whose update is in the parameters already
      INDArray params = flat(x);
      INDArray update = flat(line);
      long from = 0;
      for (UpdaterBlock block : updater.getUpdaterBlocks()) {
        if (block.getGradientUpdater() instanceof FastAdam.Updater u && u.takeAppliedToParams()) {
          subtract(params, update, from, block.getParamOffsetStart());
          from = block.getParamOffsetEnd();
        }
      }
      subtract(params, update, from, params.length());
    }

    private static void subtract(INDArray params, INDArray update, long from, long to) {
      if (from < to) {
        params.get(NDArrayIndex.interval(from, to)).subi(update.get(NDArrayIndex.interval(from, to)));
      }
    }

    @Override
    public void step() {
      // as DL4J's NegativeGradientStepFunction: nothing without arguments
    }
  }
}
