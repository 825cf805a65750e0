package dev.brevity.eval;

/**
 * O1-Pruner's Accuracy-Efficiency Score of a model against its baseline:
 *
 * <pre>
 *   ΔL = (L_base − L_model) / L_base        ΔAcc = (Acc_model − Acc_base) / Acc_base
 *   AES = α·ΔL + β·|ΔAcc|   if ΔAcc ≥ 0
 *       = α·ΔL − γ·|ΔAcc|   if ΔAcc &lt; 0                 α = 1, β = 3, γ = 5
 * </pre>
 *
 * The paper's Table 2 prints ΔL + 3|ΔAcc| even where accuracy drops (it never applies γ); {@link
 * #tableRule} reproduces that, {@link #of} applies the formula as written.
 */
public record Aes(double alpha, double beta, double gamma) {

  /** The paper's weights. */
  public static final Aes PAPER = new Aes(1, 3, 5);

  /** The score of a model with {@code accuracy} and {@code length} against the baseline's. */
  public double of(double baseAccuracy, double baseLength, double accuracy, double length) {
    double deltaLength = (baseLength - length) / baseLength;
    double deltaAccuracy = (accuracy - baseAccuracy) / baseAccuracy;
    return deltaAccuracy >= 0
        ? alpha * deltaLength + beta * Math.abs(deltaAccuracy)
        : alpha * deltaLength - gamma * Math.abs(deltaAccuracy);
  }

  /** The score as the paper's table computes it: β|ΔAcc| whatever the sign of ΔAcc. */
  public double tableRule(double baseAccuracy, double baseLength, double accuracy, double length) {
    double deltaLength = (baseLength - length) / baseLength;
    double deltaAccuracy = (accuracy - baseAccuracy) / baseAccuracy;
    return alpha * deltaLength + beta * Math.abs(deltaAccuracy);
  }
}
