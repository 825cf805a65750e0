package dev.brevity.reward;

import java.util.List;

/**
 * ThinkPrune's token-limit reward (Hou et al., arXiv 2504.01296):
 *
 * <pre>
 *   r(y) = 1  if y's last \boxed{} within its first L tokens equals the reference answer
 *        = 0  otherwise
 * </pre>
 *
 * As in the paper (the default), a trace must also finish within the limit: one cut at L tokens
 * scores 0. With {@code lenient=true}, as in ThinkPrune's code, a cut trace whose last boxed answer
 * is right still scores 1. The sampler enforces L as the token limit (ThinkPrune's {@code
 * max_response_length}); a trace longer than L scores 0 in both modes. Spec: {@code
 * thinkprune(limit=256)} or {@code thinkprune(limit=256, lenient=true)}.
 */
record ThinkPruneReward(int limit, boolean lenient) implements Reward {

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    boolean withinLimit = attempt.length() <= limit;
    boolean counts = lenient ? attempt.answerCorrect() : attempt.correct();
    double reward = withinLimit && counts ? 1.0 : 0.0;
    return Score.of(
        reward, "correctness", attempt.accuracy(), "withinLimit", withinLimit ? 1.0 : 0.0);
  }
}
