package dev.brevity.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** Prints benchmark rows as a table with one explanation line per figure, or as JSON. */
public final class BenchReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchReport() {}

  /** A fixed-width table (section, figure, median, range, unit), then each figure's explanation. */
  public static String table(List<BenchRow> rows) {
    String[] header = {"section", "figure", "median", "range (min–max)", "unit"};
    String[][] cells = new String[rows.size()][];
    int[] widths = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      widths[c] = header[c].length();
    }
    for (int r = 0; r < rows.size(); r++) {
      BenchRow row = rows.get(r);
      Stats s = row.stats();
      cells[r] =
          new String[] {
            row.section(),
            row.figure(),
            number(s.median()),
            s.count() > 1 ? number(s.min()) + "–" + number(s.max()) : "(1 run)",
            row.unit()
          };
      for (int c = 0; c < header.length; c++) {
        widths[c] = Math.max(widths[c], cells[r][c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.append(rule).append('\n');
    for (String[] row : cells) {
      line(out, row, widths);
    }
    out.append('\n');
    for (BenchRow row : rows) {
      out.append(row.section())
          .append(" / ")
          .append(row.figure())
          .append(": ")
          .append(row.explanation())
          .append('\n');
    }
    return out.toString();
  }

  /**
   * One JSON object: {@code {"rows": [{"section", "figure", "median", "min", "max", "repeats",
   * "unit", "explanation"}, …]}}, numbers unrounded.
   */
  public static String json(List<BenchRow> rows) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("rows");
    for (BenchRow row : rows) {
      ObjectNode o = array.addObject();
      o.put("section", row.section());
      o.put("figure", row.figure());
      o.put("median", row.stats().median());
      o.put("min", row.stats().min());
      o.put("max", row.stats().max());
      o.put("repeats", row.stats().count());
      o.put("unit", row.unit());
      o.put("explanation", row.explanation());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Four significant figures or so, thousands separated: 3,058 · 152.7 · 6.51 · 0.0042. */
  static String number(double value) {
    double a = Math.abs(value);
    if (Double.isNaN(value)) {
      return "n/a";
    } else if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    } else if (a >= 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    } else if (a >= 1 || a == 0) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }

  private static void line(StringBuilder out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      boolean numeric = c == 2 || c == 3;
      String format = numeric ? "%" + widths[c] + "s" : "%-" + widths[c] + "s";
      line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, cells[c]));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
