package dev.brevity.trainer;

import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.run.RunMethod;
import dev.brevity.run.RunPlan;
import dev.brevity.train.ProblemPool;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Decides whether this trainer takes a requested run: the first RunStatus of every run. */
final class RunReview {

  private final Set<RunMethod> accepted;

  RunReview(Set<RunMethod> accepted) {
    this.accepted = Set.copyOf(accepted);
  }

  /**
   * A review accepting the methods of {@code brevity.trainer.methods}.
   *
   * @throws IllegalArgumentException on an unknown id, naming the key and the valid ids
   */
  static RunReview accepting(List<String> methodIds) {
    Set<RunMethod> methods = EnumSet.noneOf(RunMethod.class);
    for (String id : methodIds) {
      try {
        methods.add(RunMethod.fromId(id.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("brevity.trainer.methods: " + e.getMessage(), e);
      }
    }
    return new RunReview(methods);
  }

  /**
   * ACCEPTED if the method is known and run here and its configuration is valid; REJECTED with the
   * reason otherwise.
   */
  RunStatus review(RunRequested request, Instant now) {
    RunStatus.Builder status =
        RunStatus.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setRunId(request.getRunId())
            .setOccurredAt(now)
            .setStage(0);
    try {
      RunMethod method = RunMethod.fromId(request.getMethod());
      if (!accepted.contains(method)) {
        return status
            .setState(RunState.REJECTED)
            .setMessage(
                "this trainer does not run '" + method.id() + "'; it runs: " + acceptedIds())
            .build();
      }
      ProblemPool.of(RunPlan.parse(method.id(), request.getConfigYaml()).data());
      return status.setState(RunState.ACCEPTED).setMessage("method " + method.id()).build();
    } catch (RuntimeException e) {
      return status.setState(RunState.REJECTED).setMessage(e.getMessage()).build();
    }
  }

  private String acceptedIds() {
    return accepted.stream().map(RunMethod::id).sorted().collect(Collectors.joining(", "));
  }

  /** The Kafka key of a run's status on the compacted brevity.runs: distinct from its request. */
  static String statusKey(String runId) {
    return runId + "/status";
  }
}
