package dev.brevity.policy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * Where a process puts its tensors, from its {@code device} setting: {@code auto} (the first GPU
 * when PyTorch sees one, the CPU otherwise), {@code cpu}, {@code gpu} (the first GPU) or {@code
 * gpu:N}. Everything after the manager is the same code path on either device: every tensor is made
 * by the manager returned here or by one of its children.
 */
public final class ComputeDevice {

  /** The accepted values, for error messages and docs. */
  public static final String VALID = "auto, cpu, gpu, gpu:N";

  private ComputeDevice() {}

  /**
   * The device {@code setting} names, given how many GPUs are visible.
   *
   * @param key the configuration key the setting came from, named in errors
   * @throws IllegalArgumentException if the value is not one of {@link #VALID}, or names a GPU that
   *     is not there
   */
  public static Device resolve(String setting, int gpuCount, String key) {
    String value = setting == null ? "" : setting.trim().toLowerCase();
    if (value.equals("auto")) {
      return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    int index = gpuIndex(value, setting, key);
    if (index >= gpuCount) {
      throw new IllegalArgumentException(
          key
              + "="
              + setting
              + " but PyTorch sees "
              + gpuCount
              + " GPU(s) here (a CUDA build of the PyTorch natives and a visible device are"
              + " needed); use auto or cpu, or one of gpu:0 … gpu:"
              + Math.max(0, gpuCount - 1));
    }
    return Device.gpu(index);
  }

  /** A base manager on the device {@code setting} names, checked against this machine's GPUs. */
  public static NDManager newManager(String setting, String key) {
    return NDManager.newBaseManager(resolve(setting, Engine.getInstance().getGpuCount(), key));
  }

  private static int gpuIndex(String value, String setting, String key) {
    if (value.equals("gpu")) {
      return 0;
    }
    if (value.startsWith("gpu:")) {
      try {
        int index = Integer.parseInt(value.substring(4));
        if (index >= 0) {
          return index;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        key + " has the invalid value '" + setting + "'; valid values: " + VALID);
  }
}
