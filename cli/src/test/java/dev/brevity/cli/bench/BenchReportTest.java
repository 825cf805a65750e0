package dev.brevity.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static final List<BenchRow> ROWS =
      List.of(
          new BenchRow(
              "generation",
              "decode, batch 16, KV cache",
              Stats.of(3058.5, 2990.0, 3101.2),
              "tokens/s",
              "Greedy decoding with the cache."),
          new BenchRow(
              "transport", "Trace hop p50", Stats.single(0.0123), "ms", "One hop through Kafka."));

  @Test
  void tableHasAHeaderOneLinePerRowAndTheExplanations() {
    String table = BenchReport.table(ROWS);
    List<String> lines = table.lines().toList();

    assertThat(lines.get(0))
        .startsWith("section")
        .contains("figure", "median", "range (min–max)", "unit");
    assertThat(lines.get(1)).matches("[- ]+");
    assertThat(lines.get(2))
        .startsWith("generation")
        .contains("decode, batch 16, KV cache", "3,059", "2,990–3,101", "tokens/s");
    assertThat(lines.get(3)).startsWith("transport").contains("0.0123", "(1 run)", "ms");
    assertThat(table)
        .contains("generation / decode, batch 16, KV cache: Greedy decoding with the cache.")
        .contains("transport / Trace hop p50: One hop through Kafka.");
  }

  @Test
  void columnsLineUp() {
    List<String> lines = BenchReport.table(ROWS).lines().toList();

    int unitColumn = lines.get(0).indexOf("unit");
    assertThat(lines.get(2).indexOf("tokens/s")).isEqualTo(unitColumn);
    assertThat(lines.get(3).indexOf("ms")).isEqualTo(unitColumn);
  }

  @Test
  void jsonCarriesEveryFieldUnrounded() throws Exception {
    JsonNode root = new ObjectMapper().readTree(BenchReport.json(ROWS));

    assertThat(root.get("rows")).hasSize(2);
    JsonNode first = root.get("rows").get(0);
    assertThat(first.get("section").asText()).isEqualTo("generation");
    assertThat(first.get("figure").asText()).isEqualTo("decode, batch 16, KV cache");
    assertThat(first.get("median").asDouble()).isEqualTo(3058.5);
    assertThat(first.get("min").asDouble()).isEqualTo(2990.0);
    assertThat(first.get("max").asDouble()).isEqualTo(3101.2);
    assertThat(first.get("repeats").asInt()).isEqualTo(3);
    assertThat(first.get("unit").asText()).isEqualTo("tokens/s");
    assertThat(first.get("explanation").asText()).isEqualTo("Greedy decoding with the cache.");
  }

  @Test
  void numbersKeepAboutFourSignificantFigures() {
    assertThat(BenchReport.number(3058.5)).isEqualTo("3,059");
    assertThat(BenchReport.number(152.74)).isEqualTo("152.7");
    assertThat(BenchReport.number(6.512)).isEqualTo("6.51");
    assertThat(BenchReport.number(0.0042)).isEqualTo("0.00420");
    assertThat(BenchReport.number(0)).isEqualTo("0.00");
  }
}
