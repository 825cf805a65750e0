package dev.brevity.reward;

import java.util.List;

/**
 * DAPO's soft overlong punishment (Yu et al., arXiv 2503.14476, Eq. 13), added to a ±1 correctness
 * reward:
 *
 * <pre>
 *   R_len(y) = 0                                  if L(y) ≤ L_max − L_cache
 *            = ((L_max − L_cache) − L(y)) / L_cache  if L_max − L_cache &lt; L(y) ≤ L_max
 *            = −1                                 if L(y) &gt; L_max
 *   r(y) = (2·A(x, y) − 1) + factor · R_len(y)
 * </pre>
 *
 * L_max is the spec's {@code max}, L_cache its {@code cache} (DAPO: 20,480 and 4,096, factor 1).
 * Spec: {@code dapo-overlong(max=900, cache=180)}.
 */
final class DapoOverlongReward implements Reward {

  private final int max;
  private final int cache;
  private final double factor;

  DapoOverlongReward(String spec, Parameters parameters) {
    this.max = parameters.tokens("max");
    this.cache = parameters.tokens("cache");
    this.factor = parameters.number("factor");
    if (cache > max) {
      throw new IllegalArgumentException(
          "reward spec '" + spec + "': cache=" + cache + " must not exceed max=" + max);
    }
  }

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    int length = attempt.length();
    double overlong;
    if (length <= max - cache) {
      overlong = 0;
    } else if (length <= max) {
      overlong = (double) ((max - cache) - length) / cache;
    } else {
      overlong = -1;
    }
    double accuracyReward = 2 * attempt.accuracy() - 1;
    return Score.of(
        accuracyReward + factor * overlong,
        "correctness",
        attempt.accuracy(),
        "overlongPenalty",
        overlong);
  }
}
