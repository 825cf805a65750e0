package dev.brevity.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The machine's attainable float32 speed through the same engine and threads as the model: the
 * GFLOP/s of a square n×n matmul (2·n³ FLOPs), the denominator of the CPU "MFU".
 */
public final class MatmulPeak {

  /** Matrix side: large enough to be compute-bound, small enough to take milliseconds. */
  public static final int SIDE = 1024;

  /** Matmuls per measurement (after {@link #WARM_UP}); their total wall time is measured. */
  static final int PRODUCTS = 10;

  static final int WARM_UP = 2;

  private MatmulPeak() {}

  /** GFLOP/s of {@link #PRODUCTS} back-to-back {@link #SIDE}² float32 matmuls. */
  public static double gflops(NDManager parent) {
    try (NDManager manager = parent.newSubManager()) {
      NDArray a = manager.randomUniform(-1, 1, new Shape(SIDE, SIDE));
      NDArray b = manager.randomUniform(-1, 1, new Shape(SIDE, SIDE));
      for (int i = 0; i < WARM_UP; i++) {
        a.matMul(b).close();
      }
      long started = System.nanoTime();
      for (int i = 0; i < PRODUCTS; i++) {
        a.matMul(b).close(); // PyTorch on the CPU is eager: the product is done on return
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return PRODUCTS * 2.0 * Math.pow(SIDE, 3) / seconds / 1e9;
    }
  }
}
