package dev.brevity.verify;

/**
 * The verifier's judgement of one prediction.
 *
 * @param correct whether the prediction's final answer equals the gold one
 * @param goldParsed the gold answer as parsed (canonical form), or the raw text if unparseable
 * @param predParsed the predicted answer as parsed, or what was found, or "" if none
 * @param reason why: how they matched, or why not
 */
public record Verdict(boolean correct, String goldParsed, String predParsed, String reason) {}
