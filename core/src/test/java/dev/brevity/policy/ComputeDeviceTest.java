package dev.brevity.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

  private static final String KEY = "brevity.trainer.device";

  @Test
  void autoTakesTheFirstGpuWhenThereIsOneAndTheCpuOtherwise() {
    assertThat(ComputeDevice.resolve("auto", 2, KEY)).isEqualTo(Device.gpu(0));
    assertThat(ComputeDevice.resolve("auto", 0, KEY)).isEqualTo(Device.cpu());
  }

  @Test
  void namedDevices() {
    assertThat(ComputeDevice.resolve("cpu", 2, KEY)).isEqualTo(Device.cpu());
    assertThat(ComputeDevice.resolve("GPU", 1, KEY)).isEqualTo(Device.gpu(0));
    assertThat(ComputeDevice.resolve("gpu:1", 2, KEY)).isEqualTo(Device.gpu(1));
  }

  @Test
  void aGpuThatIsNotThereFailsNamingTheKeyAndTheChoices() {
    assertThatThrownBy(() -> ComputeDevice.resolve("gpu", 0, KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brevity.trainer.device=gpu")
        .hasMessageContaining("sees 0 GPU(s)")
        .hasMessageContaining("use auto or cpu");
    assertThatThrownBy(() -> ComputeDevice.resolve("gpu:2", 2, KEY))
        .hasMessageContaining("gpu:0 … gpu:1");
  }

  @Test
  void anUnknownValueListsTheValidOnes() {
    for (String bad : new String[] {"cuda", "gpu:x", "gpu:-1", ""}) {
      assertThatThrownBy(() -> ComputeDevice.resolve(bad, 1, KEY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(KEY)
          .hasMessageContaining("valid values: auto, cpu, gpu, gpu:N");
    }
  }

  @Test
  void theManagerPutsTensorsOnTheResolvedDevice() {
    boolean gpu = Engine.getInstance().getGpuCount() > 0;
    try (NDManager cpu = ComputeDevice.newManager("cpu", KEY);
        NDManager auto = ComputeDevice.newManager("auto", KEY)) {
      NDArray onCpu = cpu.create(new float[] {1, 2}).add(1);
      NDArray onAuto = auto.create(new float[] {1, 2}).add(1);

      assertThat(onCpu.getDevice()).isEqualTo(Device.cpu());
      assertThat(onAuto.getDevice()).isEqualTo(gpu ? Device.gpu(0) : Device.cpu());
      assertThat(onCpu.toFloatArray()).containsExactly(2f, 3f);
      assertThat(onAuto.toFloatArray()).containsExactly(2f, 3f);
    }
  }
}
