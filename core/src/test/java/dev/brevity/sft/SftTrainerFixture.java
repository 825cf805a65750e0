package dev.brevity.sft;

import java.nio.file.Path;

/** A real, tiny trained checkpoint for tests of what consumes checkpoints. */
public final class SftTrainerFixture {

  private SftTrainerFixture() {}

  /** Trains the tiny recipe for two steps into {@code dir}; returns the checkpoint directory. */
  public static Path trainTiny(Path dir) {
    return SftTrainer.train(SftTrainerTest.tiny(2), dir, p -> {});
  }
}
