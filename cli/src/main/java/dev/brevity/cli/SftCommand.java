package dev.brevity.cli;

import dev.brevity.sft.SftConfig;
import dev.brevity.sft.SftTrainer;
import dev.brevity.sft.SftTrainer.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code brevity sft}: trains the long-thinking reference policy on the bundled teacher traces. */
@Command(
    name = "sft",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the bundled policy on the teacher traces (loss on the completion only).",
      "The shipped reference model is three runs: the 'reference' recipe from random weights, then"
          + " the 'framing' recipe from its result (--init), then the 'direct' recipe from that.",
      "Resumes from <out>/last when it exists."
    })
public final class SftCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      required = true,
      description = "Output directory (checkpoint in <out>/last).")
  Path out;

  @Option(
      names = "--recipe",
      defaultValue = "reference",
      description =
          "reference (first stage, random weights), framing (second stage: needs --init; the"
              + " teacher's restatement, plan and confirmation usually there) or direct (third"
              + " stage: needs --init; traces without restatement and plan go without re-checks). Default:"
              + " ${DEFAULT-VALUE}.")
  String recipe;

  @Option(names = "--init", description = "Checkpoint whose weights a new run starts from.")
  Path init;

  @Option(names = "--steps", description = "Optimiser steps (default: the recipe's).")
  Integer steps;

  @Option(names = "--per-level", description = "Training problems per difficulty level.")
  Integer perLevel;

  @Option(names = "--batch-size", description = "Sequences per step.")
  Integer batchSize;

  @Option(names = "--learning-rate", description = "Peak learning rate.")
  Double learningRate;

  @Option(names = "--seed", description = "Seed of weights, data and order.")
  Long seed;

  @Option(names = "--checkpoint-every", description = "Steps between resumable checkpoints.")
  Integer checkpointEvery;

  @Option(
      names = "--stop-at",
      description =
          "Stop (and save) at this step; the schedule stays the full run's, so a later run resumes.")
  Integer stopAt;

  @Override
  public Integer call() {
    SftConfig r =
        switch (recipe) {
          case "reference" -> SftConfig.reference();
          case "framing" -> SftConfig.framingStage();
          case "direct" -> SftConfig.directStage();
          default ->
              throw new IllegalArgumentException(
                  "--recipe is '" + recipe + "'; valid recipes: reference, framing, direct");
        };
    if (!recipe.equals("reference") && init == null) {
      throw new IllegalArgumentException(
          "--recipe " + recipe + " continues the stage before it: give its checkpoint with --init");
    }
    SftConfig config =
        new SftConfig(
            r.hidden(),
            r.layers(),
            r.heads(),
            r.intermediate(),
            r.maxPositions(),
            perLevel != null ? perLevel : r.perLevel(),
            steps != null ? steps : r.steps(),
            batchSize != null ? batchSize : r.batchSize(),
            learningRate != null ? learningRate : r.learningRate(),
            learningRate != null ? learningRate / 10 : r.minLearningRate(),
            r.warmupSteps(),
            r.gradClip(),
            seed != null ? seed : r.seed(),
            checkpointEvery != null ? checkpointEvery : r.checkpointEvery(),
            r.framing(),
            r.batchesByLength());
    long started = System.nanoTime();
    int stop = stopAt != null ? stopAt : config.steps();
    Path last = SftTrainer.train(config, out, p -> show(p, started), stop, init);
    System.err.println();
    System.out.println(last);
    return 0;
  }

  private static void show(Progress p, long started) {
    int width = 30;
    int filled = (int) ((long) width * p.step() / p.steps());
    double elapsed = (System.nanoTime() - started) / 1e9;
    System.err.printf(
        "\r[%s%s] step %d/%d  loss %.4f  lr %.2e  |g| %.2f  %.0f tok/s  %s%s",
        "#".repeat(filled),
        ".".repeat(width - filled),
        p.step(),
        p.steps(),
        p.loss(),
        p.learningRate(),
        p.gradNorm(),
        p.tokensPerSecond(),
        format(Duration.ofSeconds((long) elapsed)),
        p.skippedSteps() > 0 ? "  skipped " + p.skippedSteps() + " non-finite steps" : "");
    if (p.step() % 50 == 0) {
      System.err.println();
    }
  }

  private static String format(Duration d) {
    return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}
