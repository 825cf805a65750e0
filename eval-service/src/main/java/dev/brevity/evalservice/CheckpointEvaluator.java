package dev.brevity.evalservice;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.brevity.eval.BudgetForcing;
import dev.brevity.eval.PolicyEvaluation;
import dev.brevity.eval.PolicyEvaluation.Report;
import dev.brevity.eval.PolicyEvaluation.Stats;
import dev.brevity.events.DifficultyResult;
import dev.brevity.events.EvalCompleted;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.TaskProblem;
import dev.brevity.verify.AnswerVerifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Evaluates checkpoints on the held-out split exactly as {@code brevity eval} does (same problems,
 * seed, decoding, batches), and turns the reports into EvalCompleted events: greedy accuracy and
 * mean length per difficulty with AES against the reference, optionally sampled pass@1, and for the
 * reference itself budget forcing at each configured budget.
 */
final class CheckpointEvaluator {

  /** The reference's results, computed once per process: they do not change. */
  record Reference(Report greedy, Report sampled, List<Report> budgets) {}

  private final EvalSettings settings;
  private final Path baseModel;
  private final List<TaskProblem> problems;
  private final String evalSet;
  private final AnswerVerifier verifier = AnswerVerifier.standard();
  private final Device device;
  private Reference reference;

  CheckpointEvaluator(EvalSettings settings, Path baseModel, Device device) {
    this.settings = settings;
    this.device = device;
    this.baseModel = baseModel;
    this.problems =
        ArithmeticTask.examples(Split.EVAL, settings.perLevel(), settings.seed()).stream()
            .map(Example::problem)
            .toList();
    this.evalSet = "arith-eval:" + settings.perLevel() + "-per-level:seed-" + settings.seed();
  }

  /** What it does with each checkpoint. */
  EvalSettings settings() {
    return settings;
  }

  /**
   * The reference's own events (version 0, under {@code runId}): its greedy (and sampled)
   * evaluation and its budget-forcing points.
   */
  List<EvalCompleted> referenceEvents(String runId) {
    Reference ref = reference();
    List<EvalCompleted> events = new ArrayList<>();
    events.add(event(runId, 0, 0, 0, ref.greedy(), ref.greedy(), false, null));
    if (ref.sampled() != null) {
      events.add(event(runId, 0, 0, 0, ref.sampled(), ref.sampled(), true, null));
    }
    for (int i = 0; i < settings.budgets().size(); i++) {
      events.add(
          event(
              runId,
              0,
              0,
              0,
              ref.budgets().get(i),
              ref.greedy(),
              false,
              settings.budgets().get(i)));
    }
    return events;
  }

  /** The events of one checkpoint version: its greedy (and sampled) evaluation. */
  List<EvalCompleted> versionEvents(String runId, long version, int stage, long step, Path dir) {
    Reference ref = reference();
    Report[] reports = // greedy, sampled (or null)
        withPolicy(
            dir,
            policy ->
                new Report[] {
                  evaluate(policy, null, false),
                  settings.samples() > 0 ? evaluate(policy, null, true) : null
                });
    List<EvalCompleted> events = new ArrayList<>();
    events.add(event(runId, version, stage, step, reports[0], ref.greedy(), false, null));
    if (reports[1] != null) {
      events.add(event(runId, version, stage, step, reports[1], ref.sampled(), true, null));
    }
    return events;
  }

  /** The reference's results, evaluated on the first call. */
  Reference reference() {
    if (reference == null) {
      reference =
          withPolicy(
              baseModel,
              policy ->
                  new Reference(
                      evaluate(policy, null, false),
                      settings.samples() > 0 ? evaluate(policy, null, true) : null,
                      settings.budgets().stream().map(b -> evaluate(policy, b, false)).toList()));
    }
    return reference;
  }

  /** Loads the checkpoint in {@code dir} once for {@code work}. */
  private <T> T withPolicy(Path dir, Function<Policy, T> work) {
    try (NDManager manager = NDManager.newBaseManager(device);
        Policy policy = Policy.load(dir, manager)) {
      return work.apply(policy);
    }
  }

  /** One evaluation of {@code policy}: free or budget-forced, greedy or sampled. */
  private Report evaluate(Policy policy, Integer budget, boolean sampled) {
    SamplingConfig sampling =
        new SamplingConfig(
            sampled ? (float) settings.temperature() : 0f,
            1f,
            0,
            settings.maxNewTokens(),
            settings.seed());
    PolicyEvaluation.Decoder decoder =
        budget == null
            ? policy.generator()::generate
            : new BudgetForcing(policy, budget, settings.cue(), settings.answerTokens());
    return PolicyEvaluation.evaluate(
        policy,
        decoder,
        problems,
        sampling,
        sampled ? settings.samples() : 1,
        settings.batchSize(),
        verifier,
        done -> {},
        completion -> {});
  }

  private EvalCompleted event(
      String runId,
      long version,
      int stage,
      long step,
      Report report,
      Report base,
      boolean sampled,
      Integer budget) {
    Stats o = report.overall();
    Stats b = base.overall();
    List<DifficultyResult> levels = new ArrayList<>();
    report
        .byDifficulty()
        .forEach(
            (level, s) ->
                levels.add(
                    DifficultyResult.newBuilder()
                        .setDifficulty(level)
                        .setProblems(s.n())
                        .setAccuracy(s.accuracy())
                        .setMeanLength(s.meanLength())
                        .build()));
    boolean aesDefined = b.accuracy() > 0 && b.meanLength() > 0;
    return EvalCompleted.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(Instant.now())
        .setPolicyVersion(version)
        .setStage(stage)
        .setStep(step)
        .setEvalSet(evalSet)
        .setProblems(problems.size())
        .setAccuracy(o.accuracy())
        .setMeanLength(o.meanLength())
        .setAes(
            aesDefined
                ? settings.aes().of(b.accuracy(), b.meanLength(), o.accuracy(), o.meanLength())
                : null)
        .setPerDifficulty(levels)
        .setDecoding(sampled ? "sampled" : "greedy")
        .setSamples(sampled ? settings.samples() : 1)
        .setTemperature(sampled ? settings.temperature() : 0.0)
        .setTokenBudget(budget)
        .build();
  }
}
