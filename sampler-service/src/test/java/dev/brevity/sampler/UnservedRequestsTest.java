package dev.brevity.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.events.Fate;
import dev.brevity.events.TraceFate;
import dev.brevity.testsupport.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnservedRequestsTest {

  @Test
  void oneFailedFatePerRequestedSample() {
    var request = SampleEvents.rolloutRequest("run-1", "req-7", 4);

    List<TraceFate> fates =
        new UnservedRequests("sampler-a").fates(request, Instant.ofEpochMilli(1_767_225_600_000L));

    assertThat(fates)
        .extracting(TraceFate::getTraceId)
        .containsExactly("req-7/0", "req-7/1", "req-7/2", "req-7/3");
    assertThat(fates)
        .allSatisfy(
            fate -> {
              assertThat(fate.getFate()).isEqualTo(Fate.FAILED);
              assertThat(fate.getRunId()).isEqualTo("run-1");
              assertThat(fate.getPolicyVersion()).isEqualTo(request.getPolicyVersion());
              assertThat(fate.getReason()).startsWith("sampler-a ");
            });
  }
}
