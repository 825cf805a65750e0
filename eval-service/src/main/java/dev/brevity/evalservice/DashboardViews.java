package dev.brevity.evalservice;

import dev.brevity.events.DifficultyResult;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.TrainingStep;
import java.util.List;
import java.util.Map;

/** What the dashboard shows, as the JSON its page reads. */
final class DashboardViews {

  private DashboardViews() {}

  /** A run in the runs list: what it is, where it is, and its latest greedy evaluation. */
  record RunSummary(
      String runId,
      String method,
      String state,
      String message,
      long policyVersion,
      int stage,
      long submittedAt,
      Double accuracy,
      Double meanLength,
      Double aes,
      Double lengthChangePct,
      int evaluations) {}

  /** One evaluation of one checkpoint (or of the reference, version 0). */
  record EvalPoint(
      long policyVersion,
      int stage,
      long step,
      String evalSet,
      int problems,
      double accuracy,
      double meanLength,
      Double aes,
      String decoding,
      int samples,
      Integer tokenBudget,
      List<Level> perDifficulty,
      long occurredAt) {

    static EvalPoint of(EvalCompleted e) {
      return new EvalPoint(
          e.getPolicyVersion(),
          e.getStage(),
          e.getStep(),
          e.getEvalSet(),
          e.getProblems(),
          e.getAccuracy(),
          e.getMeanLength(),
          e.getAes(),
          e.getDecoding(),
          e.getSamples(),
          e.getTokenBudget(),
          e.getPerDifficulty().stream().map(Level::of).toList(),
          e.getOccurredAt().toEpochMilli());
    }

    /** The free-running greedy evaluation (not sampled, not budget-forced). */
    boolean greedy() {
      return "greedy".equals(decoding) && tokenBudget == null;
    }
  }

  /** One difficulty level of an evaluation. */
  record Level(int difficulty, int problems, double accuracy, double meanLength) {
    static Level of(DifficultyResult r) {
      return new Level(r.getDifficulty(), r.getProblems(), r.getAccuracy(), r.getMeanLength());
    }
  }

  /** One update's diagnostics. */
  record StepPoint(
      long policyVersion,
      long step,
      int stage,
      int traces,
      double loss,
      double approxKl,
      double clipFraction,
      double entropy,
      Double explainedVariance,
      double rewardMean,
      double lengthMean,
      double tokensPerSecond,
      double stalenessMean,
      int stalenessMax,
      long occurredAt) {

    static StepPoint of(TrainingStep s) {
      return new StepPoint(
          s.getPolicyVersion(),
          s.getStep(),
          s.getStage(),
          s.getTraces(),
          s.getLoss(),
          s.getApproxKl(),
          s.getClipFraction(),
          s.getEntropy(),
          s.getExplainedVariance(),
          s.getRewardMean(),
          s.getLengthMean(),
          s.getTokensPerSecond(),
          s.getStalenessMean(),
          s.getStalenessMax(),
          s.getOccurredAt().toEpochMilli());
    }
  }

  /** A scored trace, as the histograms and the throughput chart count it. */
  record TracePoint(long policyVersion, double reward, int length, boolean correct, long at) {
    static TracePoint of(ScoredTrace t) {
      return new TracePoint(
          t.getPolicyVersion(),
          t.getReward(),
          t.getLength(),
          t.getCorrect(),
          t.getOccurredAt().toEpochMilli());
    }
  }

  /** One trace in the inspector. */
  record TraceView(
      long policyVersion,
      String purpose,
      String text,
      int length,
      boolean correct,
      double reward,
      String finishReason) {
    static TraceView of(ScoredTrace t) {
      return new TraceView(
          t.getPolicyVersion(),
          t.getTrace().getPurpose().name(),
          t.getTrace().getCompletionText(),
          t.getLength(),
          t.getCorrect(),
          t.getReward(),
          t.getTrace().getFinishReason().name());
    }
  }

  /** One problem in the inspector: the reference's trace beside the newest version's. */
  record InspectedProblem(
      String problemId,
      int difficulty,
      String question,
      String answer,
      TraceView reference,
      TraceView latest) {

    /** The problem without the traces' texts: what the inspector's problem list shows. */
    ProblemEntry entry() {
      return new ProblemEntry(
          problemId,
          difficulty,
          question,
          answer,
          reference != null,
          latest == null ? null : latest.policyVersion());
    }
  }

  /** A problem in the inspector's list; its traces are read one problem at a time. */
  record ProblemEntry(
      String problemId,
      int difficulty,
      String question,
      String answer,
      boolean hasReference,
      Long latestVersion) {}

  /**
   * A histogram: {@code counts[series][bin]} over bins of width {@code width} from {@code start}.
   */
  record Histogram(double start, double width, List<String> series, List<int[]> counts) {}

  /** Traces scored per minute (minute as epoch millis of its start). */
  record Rate(long minute, int traces) {}

  /** Everything the run page shows. */
  record RunDetail(
      RunSummary run,
      List<EvalPoint> evals,
      List<StepPoint> steps,
      Map<String, Long> fates,
      Histogram rewards,
      Histogram lengths,
      List<Rate> throughput,
      long tracesSeen,
      List<Replay> replays) {}

  /**
   * The run's traces re-scored with another reward ({@code brevity replay --publish}), beside their
   * original scores.
   *
   * @param rewardVersion the replayed reward's version id
   * @param traces distinct traces re-scored with it
   * @param meanReward their mean replayed reward
   * @param meanOriginal the mean of their original rewards, over those the dashboard has seen
   */
  record Replay(String rewardVersion, long traces, double meanReward, Double meanOriginal) {}
}
