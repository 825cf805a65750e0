package dev.brevity.policy;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd switch for the current thread (worker threads start with it on). Inference
 * runs with it off, so no graph is recorded even when the weights require gradients.
 */
public final class GradMode implements AutoCloseable {

  private final boolean previous;

  private GradMode(boolean enabled) {
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(enabled);
  }

  /** Gradients off until closed. */
  public static GradMode disabled() {
    return new GradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
