package dev.brevity.cli.follow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Comparison} as a text table (the terminal), JSON ({@code summary.json}) and one
 * self-contained HTML page with the accuracy-vs-length plot ({@code report.html}; no script, no
 * external file).
 */
public final class ComparisonReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[] COLOURS = {"#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e"};

  private ComparisonReport() {}

  /** The main table, then accuracy and mean length per difficulty. */
  public static String table(Comparison comparison) {
    List<Comparison.Row> rows = rows(comparison);
    StringBuilder out = new StringBuilder();
    out.append("Held-out set ").append(comparison.evalSet()).append(", greedy decoding\n\n");
    out.append(
        String.format(
            "%-26s %8s %9s %12s %9s %8s%n",
            "policy", "version", "accuracy", "mean length", "Δ length", "AES"));
    for (Comparison.Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-26s %8s %9.3f %12.1f %8.1f%% %8s%n",
              row.name(),
              row.name().startsWith("budget") ? "0" : Long.toString(row.version()),
              row.accuracy(),
              row.meanLength(),
              row.lengthChangePct(),
              row.aes() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.aes())));
    }
    for (Comparison.RunResult run : comparison.runs()) {
      if (run.accuracy() == null) {
        out.append(String.format("%-26s %s: no result%n", run.method(), run.state()));
      }
    }
    out.append("\nPer difficulty: accuracy / mean length\n");
    out.append(String.format("%-26s", "policy"));
    int levels = comparison.reference().perDifficulty().size();
    for (Comparison.Level level : comparison.reference().perDifficulty()) {
      out.append(String.format(" %12s", "level " + level.difficulty()));
    }
    out.append('\n');
    for (Comparison.Row row : rows) {
      out.append(String.format("%-26s", row.name()));
      for (int i = 0; i < levels && i < row.perDifficulty().size(); i++) {
        Comparison.Level level = row.perDifficulty().get(i);
        out.append(
            String.format(Locale.ROOT, " %5.2f / %4.0f", level.accuracy(), level.meanLength()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** {@code summary.json}: the comparison with {@code extra} fields (time, dashboard) first. */
  public static String json(Comparison comparison, ObjectNode extra) {
    ObjectNode node = extra.deepCopy();
    node.setAll((ObjectNode) JSON.valueToTree(comparison));
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new JSON object for {@link #json}'s extra fields. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** {@code report.html}: the tables and the accuracy-vs-length plot, in one file. */
  public static String html(Comparison comparison, String title, List<String> notes) {
    StringBuilder page = new StringBuilder();
    page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(escape(title))
        .append("</title><style>")
        .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:980px;")
        .append("color:#222}table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}")
        .append("td:first-child,th:first-child{text-align:left}")
        .append("svg text{font:12px system-ui,sans-serif}</style></head><body>\n")
        .append("<h1>")
        .append(escape(title))
        .append("</h1>\n");
    for (String note : notes) {
      page.append("<p>").append(escape(note)).append("</p>\n");
    }
    page.append("<p>Held-out set <code>")
        .append(escape(comparison.evalSet()))
        .append("</code>, greedy decoding. Δ length is against the reference; AES is the")
        .append(" Accuracy-Efficiency Score against it (higher is better).</p>\n");
    page.append(plot(comparison));
    page.append("<h2>Results</h2>\n<table id=\"results\"><tr><th>policy</th><th>version</th>")
        .append("<th>accuracy</th><th>mean length</th><th>Δ length</th><th>AES</th></tr>\n");
    for (Comparison.Row row : rows(comparison)) {
      page.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d</td><td>%.3f</td><td>%.1f</td><td>%.1f %%</td><td>%s</td></tr>%n",
              escape(row.name()),
              row.version(),
              row.accuracy(),
              row.meanLength(),
              row.lengthChangePct(),
              row.aes() == null ? "–" : String.format(Locale.ROOT, "%.3f", row.aes())));
    }
    page.append("</table>\n<h2>Per difficulty</h2>\n<table id=\"difficulty\"><tr><th>policy</th>");
    for (Comparison.Level level : comparison.reference().perDifficulty()) {
      page.append("<th>level ").append(level.difficulty()).append("</th>");
    }
    page.append("</tr>\n");
    for (Comparison.Row row : rows(comparison)) {
      page.append("<tr><td>").append(escape(row.name())).append("</td>");
      for (Comparison.Level level : row.perDifficulty()) {
        page.append(
            String.format(
                Locale.ROOT, "<td>%.2f / %.0f</td>", level.accuracy(), level.meanLength()));
      }
      page.append("</tr>\n");
    }
    page.append("</table>\n<h2>Runs</h2>\n");
    for (Comparison.RunResult run : comparison.runs()) {
      page.append("<h3>")
          .append(escape(run.method()))
          .append(" <small>")
          .append(escape(run.runId()))
          .append(", ")
          .append(escape(run.state()))
          .append(
              run.trainingSeconds() == null
                  ? ""
                  : String.format(Locale.ROOT, ", %.1f min", run.trainingSeconds() / 60))
          .append("</small></h3>\n<pre>")
          .append(escape(run.config()))
          .append("</pre>\n");
    }
    return page.append("</body></html>\n").toString();
  }

  /** The reference, the budget-forcing points and each run's result, in table order. */
  static List<Comparison.Row> rows(Comparison comparison) {
    List<Comparison.Row> rows = new ArrayList<>();
    rows.add(comparison.reference());
    rows.addAll(comparison.budgetForcing());
    for (Comparison.RunResult run : comparison.runs()) {
      if (run.accuracy() != null) {
        rows.add(
            new Comparison.Row(
                run.method(),
                run.resultVersion(),
                null,
                comparison.reference().problems(),
                run.accuracy(),
                run.meanLength(),
                run.lengthChangePct(),
                run.aes(),
                run.perDifficulty()));
      }
    }
    return rows;
  }

  /** Accuracy (y) against mean length (x): reference, budget forcing, each run's versions. */
  static String plot(Comparison comparison) {
    int width = 720;
    int height = 420;
    int left = 60;
    int right = 180;
    int top = 20;
    int bottom = 50;
    double maxLength = comparison.reference().meanLength();
    for (Comparison.Row row : comparison.budgetForcing()) {
      maxLength = Math.max(maxLength, row.meanLength());
    }
    for (Comparison.RunResult run : comparison.runs()) {
      for (Comparison.Point point : run.versions()) {
        maxLength = Math.max(maxLength, point.meanLength());
      }
    }
    double tick = maxLength > 500 ? 100 : 50; // tokens between the length axis's labels
    double xMax = Math.ceil(maxLength * 1.1 / tick) * tick;
    Axis x = new Axis(left, width - right, 0, xMax);
    Axis y = new Axis(height - bottom, top, 0, 1);
    StringBuilder svg =
        new StringBuilder(
            String.format(
                "<svg id=\"tradeoff\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                    + " xmlns=\"http://www.w3.org/2000/svg\">%n",
                width, height, width, height));
    for (int i = 0; i <= 5; i++) {
      double value = i / 5.0;
      svg.append(line(x.at(0), y.at(value), x.at(xMax), y.at(value), "#eee"))
          .append(
              text(left - 8, y.at(value) + 4, String.format(Locale.ROOT, "%.1f", value), "end"));
    }
    for (double length = 0; length <= xMax; length += tick) {
      svg.append(text(x.at(length), height - bottom + 18, String.format("%.0f", length), "middle"));
    }
    svg.append(line(x.at(0), y.at(0), x.at(xMax), y.at(0), "#888"))
        .append(line(x.at(0), y.at(0), x.at(0), y.at(1), "#888"))
        .append(text((left + width - right) / 2.0, height - 10, "mean length (tokens)", "middle"))
        .append(
            String.format(
                "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">"
                    + "accuracy</text>%n",
                (top + height - bottom) / 2, (top + height - bottom) / 2));
    int legend = top + 10;
    // budget forcing: grey squares joined by a line, from the smallest budget
    List<Comparison.Row> budgets = comparison.budgetForcing();
    if (!budgets.isEmpty()) {
      svg.append(
          polyline(
              budgets.stream()
                  .map(r -> new double[] {x.at(r.meanLength()), y.at(r.accuracy())})
                  .toList(),
              "#999",
              true));
      for (Comparison.Row row : budgets) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"budget\" x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#999\"><title>%s: %.3f, %.1f</title></rect>%n",
                x.at(row.meanLength()) - 4,
                y.at(row.accuracy()) - 4,
                escape(row.name()),
                row.accuracy(),
                row.meanLength()));
      }
      svg.append(legendEntry(width - right + 20, legend, "#999", "budget forcing"));
      legend += 20;
    }
    for (int i = 0; i < comparison.runs().size(); i++) {
      Comparison.RunResult run = comparison.runs().get(i);
      String colour = COLOURS[i % COLOURS.length];
      List<double[]> path = new ArrayList<>();
      path.add(
          new double[] {
            x.at(comparison.reference().meanLength()), y.at(comparison.reference().accuracy())
          });
      run.versions()
          .forEach(p -> path.add(new double[] {x.at(p.meanLength()), y.at(p.accuracy())}));
      svg.append(polyline(path, colour, false));
      for (Comparison.Point point : run.versions()) {
        boolean result = run.resultVersion() != null && point.version() == run.resultVersion();
        String title =
            String.format(
                Locale.ROOT,
                "%s v%d: %.3f, %.1f",
                escape(run.method()),
                point.version(),
                point.accuracy(),
                point.meanLength());
        svg.append(
            circle(
                "version",
                x.at(point.meanLength()),
                y.at(point.accuracy()),
                result ? 7 : 4,
                colour,
                title));
      }
      svg.append(legendEntry(width - right + 20, legend, colour, run.method()));
      legend += 20;
    }
    Comparison.Row reference = comparison.reference();
    String title =
        String.format(
            Locale.ROOT, "reference: %.3f, %.1f", reference.accuracy(), reference.meanLength());
    svg.append(
        circle(
            "reference",
            x.at(reference.meanLength()),
            y.at(reference.accuracy()),
            7,
            "#000",
            title));
    svg.append(legendEntry(width - right + 20, legend, "#000", "reference"));
    return svg.append("</svg>\n").toString();
  }

  /** A point of the chart: a circle of {@code kind} whose tooltip is {@code title}. */
  private static String circle(
      String kind, double cx, double cy, int radius, String fill, String title) {
    return String.format(
        Locale.ROOT,
        "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>%s</title></circle>%n",
        kind,
        cx,
        cy,
        radius,
        fill,
        title);
  }

  /** Maps data values in [min, max] to pixels in [from, to]. */
  private record Axis(double from, double to, double min, double max) {
    double at(double value) {
      return from + (to - from) * (value - min) / (max - min);
    }
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour);
  }

  private static String polyline(List<double[]> points, String colour, boolean dashed) {
    StringBuilder coordinates = new StringBuilder();
    for (double[] p : points) {
      coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
    }
    return String.format(
        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s/>%n",
        coordinates.toString().trim(), colour, dashed ? " stroke-dasharray=\"4 3\"" : "");
  }

  private static String text(double x, double y, String content, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
        x,
        y,
        anchor,
        escape(content));
  }

  private static String legendEntry(int x, int y, String colour, String label) {
    return String.format("<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/>%n", x, y - 4, colour)
        + text(x + 12, y, label, "start");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
