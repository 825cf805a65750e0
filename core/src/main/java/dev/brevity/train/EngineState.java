package dev.brevity.train;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brevity.run.RunPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands, as committed with every trainer transaction: small enough to travel in a
 * RunStatus event. Everything else (which problems, seeds, request ids) follows from it and the
 * plan, so a restarted trainer carries on exactly where the last commit left it. The weights and
 * optimizer state are in the checkpoint of {@link #weightsVersion}.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE)
public final class EngineState {

  /** What the run is doing. */
  public enum Phase {
    /** Waiting for the reference policy's samples of every problem. */
    REFERENCE,
    /** Training. */
    TRAINING,
    /** Finished. */
    DONE
  }

  /**
   * A batch of requests issued and not yet trained on.
   *
   * @param extraRounds the rounds of dynamic sampling's further requests issued for it
   * @param extraRequests how many further requests those rounds issued, after its first {@code
   *     prompts-per-step}
   */
  public record InFlight(long batch, int stage, long version, int extraRounds, int extraRequests) {

    /** A batch as first issued. */
    public InFlight(long batch, int stage, long version) {
      this(batch, stage, version, 0, 0);
    }
  }

  /** The rollouts sampled at one version: what the stage's checkpoint rule chooses by. */
  public record VersionStats(long version, int stage, double accuracy, double meanLength) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  Phase phase = Phase.TRAINING;

  /** The latest published policy version (0: the base model). */
  long version;

  /** The version the trainer's weights are (earlier than {@link #version} after a stage reset). */
  long weightsVersion;

  /** Whether the optimizer starts afresh at {@link #weightsVersion} (a new stage). */
  boolean freshOptimizer = true;

  /** Updates done over the whole run. */
  long updates;

  int stage;
  long stageStartVersion;
  int stageUpdates;
  int stageIssued;

  /** The next batch index to issue (over the whole run). */
  long nextBatch;

  List<InFlight> inFlight = new ArrayList<>();
  List<VersionStats> history = new ArrayList<>();

  /** The version a finished run recommends (the last stage's chosen checkpoint). */
  long finalVersion = -1;

  /** AdamW's step count t at {@link #weightsVersion} (saved with the optimizer state). */
  long optimizerSteps;

  public long optimizerSteps() {
    return optimizerSteps;
  }

  public void optimizerSteps(long steps) {
    this.optimizerSteps = steps;
  }

  public Phase phase() {
    return phase;
  }

  public long version() {
    return version;
  }

  public long weightsVersion() {
    return weightsVersion;
  }

  public boolean freshOptimizer() {
    return freshOptimizer;
  }

  public long updates() {
    return updates;
  }

  public int stage() {
    return stage;
  }

  public long finalVersion() {
    return finalVersion;
  }

  /** The version the KL reference π_ref is now (0: the base model), by the plan's kl-reference. */
  public long referenceVersion(RunPlan plan) {
    return plan.objective().klReference() == RunPlan.KlReference.STAGE_START
        ? stageStartVersion
        : 0;
  }

  public List<VersionStats> history() {
    return List.copyOf(history);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IllegalArgumentException if the text is not a run state
   */
  public static EngineState fromJson(String json) {
    try {
      return JSON.readValue(json, EngineState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a trainer run state: " + e.getMessage(), e);
    }
  }
}
