package dev.brevity.reward;

import java.util.List;

/**
 * O1-Pruner's length-harmonizing reward (Luo et al., arXiv 2501.12570), as its code computes it:
 *
 * <pre>
 *   R(x, y) = clip( L̄_ref(x) / L(y) − 1 + λ·(A(x, y) − Ā_ref(x)),  −2, 4 )
 * </pre>
 *
 * L̄_ref and Ā_ref are the mean length and accuracy of K reference samples of the problem ({@link
 * ReferenceStatistics}); λ weighs accuracy against length (the code's {@code alpha}; default 2, the
 * Marco-o1 setting). A trace as long as the reference's mean and as accurate scores 0; half as long
 * scores +1. The paper's z-scoring of R over the data set is an advantage, computed by the trainer.
 * An empty completion counts as one token. A(x, y) is the verdict on y's answer whether or not y
 * ended with an end-of-text token, as the code judges it ({@code lenient=true}, the default);
 * {@code lenient=false} also requires the end-of-text token, as Brevity's other rewards do. Ā_ref
 * comes from the reference samples' statistics, which require it either way (the reference is
 * sampled with a generous limit, so few of its samples are cut). Spec: {@code o1-pruner(lambda=2,
 * lenient=true)}.
 */
record O1PrunerReward(double lambda, boolean lenient) implements Reward {

  static final double MIN = -2;
  static final double MAX = 4;

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    double lengthTerm = reference.meanLength() / Math.max(1, attempt.length()) - 1;
    double accuracy = lenient ? (attempt.answerCorrect() ? 1 : 0) : attempt.accuracy();
    double accuracyTerm = lambda * (accuracy - reference.meanAccuracy());
    double unclipped = lengthTerm + accuracyTerm;
    return Score.of(
        Math.max(MIN, Math.min(MAX, unclipped)),
        "correctness",
        accuracy,
        "lengthTerm",
        lengthTerm,
        "accuracyTerm",
        accuracyTerm,
        "unclipped",
        unclipped);
  }

  @Override
  public boolean needsReference() {
    return true;
  }
}
