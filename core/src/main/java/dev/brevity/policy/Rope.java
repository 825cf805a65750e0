package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings as Hugging Face's Llama computes them: frequency i of a head is
 * theta^(-2i/hd); a position p rotates each pair (x_i, x_{i+hd/2}) by the angle p·freq_i:
 *
 * <pre>
 *   rope(x) = x * cos + rotate_half(x) * sin,   rotate_half([x1, x2]) = [-x2, x1]
 * </pre>
 */
final class Rope {

  private Rope() {}

  /** cos and sin tables, each (maxPositions, hd): angles repeated for both halves. */
  static NDArray[] tables(LlamaConfig c, NDManager manager) {
    int hd = c.headDim();
    int half = hd / 2;
    float[] cos = new float[c.maxPositions() * hd];
    float[] sin = new float[c.maxPositions() * hd];
    for (int p = 0; p < c.maxPositions(); p++) {
      for (int i = 0; i < half; i++) {
        double frequency = Math.pow(c.ropeTheta(), -2.0 * i / hd);
        double angle = p * frequency;
        cos[p * hd + i] = cos[p * hd + i + half] = (float) Math.cos(angle);
        sin[p * hd + i] = sin[p * hd + i + half] = (float) Math.sin(angle);
      }
    }
    Shape shape = new Shape(c.maxPositions(), hd);
    return new NDArray[] {manager.create(cos, shape), manager.create(sin, shape)};
  }

  /**
   * @param x (B, heads, T, hd)
   * @param cos (B, 1, T, hd)
   * @param sin (B, 1, T, hd)
   * @return x rotated, (B, heads, T, hd)
   */
  static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
    long half = x.getShape().get(3) / 2;
    NDArray x1 = x.get(":, :, :, :" + half); // (B, heads, T, hd/2)
    NDArray x2 = x.get(":, :, :, " + half + ":"); // (B, heads, T, hd/2)
    NDArray rotated = LlamaModel.concatLast(x2.neg(), x1); // (B, heads, T, hd)
    return x.mul(cos).add(rotated.mul(sin));
  }
}
