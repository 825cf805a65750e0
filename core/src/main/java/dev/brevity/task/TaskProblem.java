package dev.brevity.task;

/**
 * One problem of a data set: what the policy is asked, and the reference final answer.
 *
 * @param id stable id within the data set
 * @param question the problem text
 * @param answer the reference final answer (what a correct {@code \boxed{}} holds)
 * @param difficulty difficulty level, 0 when the data set has none
 * @param dataset the data set's name
 */
public record TaskProblem(
    String id, String question, String answer, int difficulty, String dataset) {}
