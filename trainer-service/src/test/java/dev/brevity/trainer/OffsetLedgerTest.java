package dev.brevity.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  @Test
  void commitsStopAtTheFirstHeldRecordAndRememberWhatIsSettledBeyondIt() {
    OffsetLedger ledger = new OffsetLedger();
    ledger.consumed(P0, 0, "other-run", false, false);
    ledger.consumed(P0, 1, "a", true, true);
    ledger.consumed(P0, 2, "b", true, true);
    ledger.consumed(P1, 5, "c", true, true);
    ledger.consumed(P1, 6, "x", false, false); // another run's: never listed

    assertThat(ledger.commitOffsets()).isEqualTo(Map.of(P0, 1L, P1, 5L));

    ledger.settled(List.of("b", "c"));
    assertThat(ledger.commitOffsets()).isEqualTo(Map.of(P0, 1L, P1, 7L));
    assertThat(ledger.settledAhead()).containsExactly("t-0@2");

    ledger.prune();
    ledger.settled(List.of("a"));
    assertThat(ledger.commitOffsets()).isEqualTo(Map.of(P0, 3L, P1, 7L));
    assertThat(ledger.settledAhead()).isEmpty();
    assertThat(ledger.held()).isEmpty();
  }

  @Test
  void aNewRunStartsAtTheEndOfTheTopic() {
    OffsetLedger ledger = new OffsetLedger();
    ledger.startAt(Map.of(P0, 40L, P1, 12L));
    assertThat(ledger.commitOffsets()).isEqualTo(Map.of(P0, 40L, P1, 12L));
  }
}
