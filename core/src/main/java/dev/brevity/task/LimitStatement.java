package dev.brevity.task;

/**
 * A sentence after the question that states the run's length limit or target, as the papers'
 * training prompts do; the policy can then condition on it. None by default: the bundled prompt is
 * the question alone.
 */
public enum LimitStatement {
  /** The question alone. */
  NONE(null),
  /**
   * ThinkPrune's training prompt ({@code preprocess_past_aime_amc.py}): the stage's token limit.
   */
  THINKPRUNE("The output of the assistant should be within %d tokens."),
  /** L1's LCPO-exact prompt: the reward's target length. */
  L1_EXACT("Think for %d tokens."),
  /** L1's LCPO-max prompt: the reward's target length as a maximum. */
  L1_MAX("Think for maximum %d tokens.");

  private final String sentence;

  LimitStatement(String sentence) {
    this.sentence = sentence;
  }

  /** The prompt of {@code problem} with the statement of {@code tokens} after the question. */
  public String prompt(TaskProblem problem, int tokens) {
    String question = Prompts.of(problem);
    return sentence == null ? question : question + sentence.formatted(tokens) + "\n";
  }

  /** Whether the number stated is the reward's target length (L1) rather than the token limit. */
  public boolean statesTarget() {
    return this == L1_EXACT || this == L1_MAX;
  }
}
