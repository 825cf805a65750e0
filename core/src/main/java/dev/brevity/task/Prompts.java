package dev.brevity.task;

/** How a problem is put to the policy: the question, then a newline; the completion follows. */
public final class Prompts {

  private Prompts() {}

  /** The prompt text of {@code problem}. */
  public static String of(TaskProblem problem) {
    return problem.question() + "\n";
  }
}
