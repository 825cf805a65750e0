package dev.brevity.policy.checkpoint;

/**
 * Widens 16-bit floats to float32 in Java. DJL 0.35.1's PyTorch engine aborts the whole JVM
 * ("terminate called without an active exception") when asked to create a BF16 array, so half
 * precision weights are converted before they reach the engine.
 */
final class HalfFloats {

  private HalfFloats() {}

  /** bfloat16 is the top half of a float32: same sign and exponent, 7 of 23 mantissa bits. */
  static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
  static float f16ToFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) { // infinity or NaN
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    // Re-bias the exponent from 15 to 127.
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
