package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as PyTorch's AdamW:
 *
 * <pre>
 *   m ← β1·m + (1−β1)·g          v ← β2·v + (1−β2)·g²
 *   w ← w − lr·wd·w − lr · (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε)
 * </pre>
 *
 * Weight decay applies to matrices only (not to norms and biases), as in nanoGPT. The state (m, v
 * per weight, and t) is saved with checkpoints so training resumes exactly.
 */
public final class AdamW implements AutoCloseable {

  /** β1, β2, ε and weight decay. */
  public record Hyper(double beta1, double beta2, double epsilon, double weightDecay) {
    /** nanoGPT's choice: β = (0.9, 0.95), ε = 1e-8, weight decay 0.1. */
    public static Hyper standard() {
      return new Hyper(0.9, 0.95, 1e-8, 0.1);
    }
  }

  private static final String MEAN = "exp_avg.";
  private static final String SQUARES = "exp_avg_sq.";

  private final Hyper hyper;
  private final NDManager manager;
  private final Map<String, NDArray> means = new LinkedHashMap<>();
  private final Map<String, NDArray> squares = new LinkedHashMap<>();
  private long steps;

  public AdamW(Hyper hyper, NDManager parent) {
    this.hyper = hyper;
    this.manager = parent.newSubManager();
  }

  /** Updates taken so far (t). */
  public long steps() {
    return steps;
  }

  /**
   * One update of every weight from its gradient (scaled by {@code gradScale}, for clipping), then
   * zeroes the gradients.
   */
  public void step(Map<String, NDArray> weights, double learningRate, double gradScale) {
    steps++;
    double correction1 = 1 - Math.pow(hyper.beta1(), steps);
    double correction2 = 1 - Math.pow(hyper.beta2(), steps);
    try (GradMode off = GradMode.disabled();
        NDScope scope = new NDScope()) {
      weights.forEach(
          (name, w) -> {
            NDArray g = w.getGradient().mul(gradScale);
            NDArray m = means.computeIfAbsent(name, n -> zerosLike(w, MEAN + n));
            NDArray v = squares.computeIfAbsent(name, n -> zerosLike(w, SQUARES + n));
            m.muli(hyper.beta1()).addi(g.mul(1 - hyper.beta1()));
            v.muli(hyper.beta2()).addi(g.square().mul(1 - hyper.beta2()));
            if (w.getShape().dimension() >= 2) {
              w.subi(w.mul(learningRate * hyper.weightDecay()));
            }
            NDArray denominator = v.div(correction2).sqrt().add(hyper.epsilon());
            w.subi(m.div(correction1).div(denominator).mul(learningRate));
            JniUtils.zeroGrad((PtNDArray) w);
          });
    }
  }

  /**
   * Drops the accumulated gradients without updating anything: for a step whose gradient is not
   * finite, which would otherwise turn every weight and moment into NaN.
   */
  public static void skip(Map<String, NDArray> weights) {
    weights.values().forEach(w -> JniUtils.zeroGrad((PtNDArray) w));
  }

  /** √(Σ‖g‖²) over all weights: the global gradient norm, for clipping. */
  public static double gradientNorm(Map<String, NDArray> weights) {
    double sum = 0;
    try (GradMode off = GradMode.disabled();
        NDScope scope = new NDScope()) {
      for (NDArray w : weights.values()) {
        sum += w.getGradient().square().sum().getFloat();
      }
    }
    return Math.sqrt(sum);
  }

  /** The state as named arrays: {@code exp_avg.<weight>} and {@code exp_avg_sq.<weight>}. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    means.forEach((name, m) -> state.put(MEAN + name, m));
    squares.forEach((name, v) -> state.put(SQUARES + name, v));
    return state;
  }

  /** Restores the state saved by {@link #state()} after {@code steps} updates. */
  public void restore(Map<String, NDArray> state, long steps) {
    this.steps = steps;
    state.forEach(
        (name, array) -> {
          array.attach(manager);
          array.setName(name);
          if (name.startsWith(MEAN)) {
            means.put(name.substring(MEAN.length()), array);
          } else if (name.startsWith(SQUARES)) {
            squares.put(name.substring(SQUARES.length()), array);
          } else {
            throw new IllegalArgumentException("optimizer state: unexpected array " + name);
          }
        });
  }

  private NDArray zerosLike(NDArray like, String name) {
    NDArray zeros = manager.zeros(like.getShape());
    zeros.setName(name);
    NDScope.unregister(zeros);
    return zeros;
  }

  @Override
  public void close() {
    manager.close();
  }
}
