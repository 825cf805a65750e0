package dev.brevity.cli.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.cli.replay.Replay.ReplayedTrace;
import dev.brevity.cli.replay.Replay.Result;
import dev.brevity.cli.replay.Replay.Skipped;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A replay's diff, as text for people or as one JSON object.
 *
 * @param runId the run replayed
 * @param reward the spec given with --reward, or null for the run's own
 * @param versions the policy versions replayed
 * @param result what the replay scored
 * @param diff how the scores differ
 * @param published records written to brevity.replayed-traces (0 without --publish)
 */
public record ReplayReport(
    String runId,
    String reward,
    VersionRange versions,
    Result result,
    ReplayDiff diff,
    int published) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public void printText(PrintStream out) {
    Skipped skipped = result.skipped();
    out.printf(
        "replay of run %s, policy versions %s, with %s%n",
        runId,
        versions.equals(VersionRange.ALL) ? "all" : versions,
        reward == null ? "the run's own reward" : reward);
    out.printf("reward versions  %s%n", String.join(", ", result.rewardVersions()));
    out.printf(
        "traces           %d compared (%d groups), %d skipped%n",
        diff.compared(), result.groups(), skipped.traces());
    if (skipped.traces() > 0) {
      out.printf(
          "skipped          %d in %d incomplete groups, %d without an original score,"
              + " %d without reference statistics%n",
          skipped.incompleteGroupTraces(),
          skipped.incompleteGroups(),
          skipped.unscored(),
          skipped.withoutReference());
    }
    out.printf(
        "mean reward      before %s  after %s%n",
        number(diff.meanBefore()), number(diff.meanAfter()));
    out.printf("spearman         %s%n", number(diff.spearman()));
    out.printf("changed          %d of %d%n", diff.changed(), diff.compared());
    if (published > 0) {
      out.printf("published        %d to brevity.replayed-traces%n", published);
    }
    if (!diff.top().isEmpty()) {
      out.printf(
          "%n%-40s %7s %6s %7s %10s %10s%n",
          "TRACE", "VERSION", "LENGTH", "CORRECT", "BEFORE", "AFTER");
      for (ReplayedTrace trace : diff.top()) {
        out.printf(
            "%-40s %7d %6d %7s %10s %10s%n",
            trace.traceId(),
            trace.policyVersion(),
            trace.length(),
            trace.correct(),
            number(trace.before()),
            number(trace.after()));
      }
    }
  }

  public ObjectNode json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("runId", runId);
    root.put("reward", reward);
    root.put("versions", versions.equals(VersionRange.ALL) ? "all" : versions.toString());
    ArrayNode versionIds = root.putArray("rewardVersions");
    result.rewardVersions().forEach(versionIds::add);
    root.put("compared", diff.compared());
    root.put("groups", result.groups());
    Skipped skipped = result.skipped();
    ObjectNode skips = root.putObject("skipped");
    skips.put("traces", skipped.traces());
    skips.put("incompleteGroups", skipped.incompleteGroups());
    skips.put("incompleteGroupTraces", skipped.incompleteGroupTraces());
    skips.put("unscored", skipped.unscored());
    skips.put("withoutReference", skipped.withoutReference());
    number(root, "meanBefore", diff.meanBefore());
    number(root, "meanAfter", diff.meanAfter());
    number(root, "spearman", diff.spearman());
    root.put("changed", diff.changed());
    root.put("published", published);
    ArrayNode top = root.putArray("top");
    for (ReplayedTrace trace : diff.top()) {
      ObjectNode row = top.addObject();
      row.put("traceId", trace.traceId());
      row.put("policyVersion", trace.policyVersion());
      row.put("length", trace.length());
      row.put("correct", trace.correct());
      row.put("before", trace.before());
      row.put("after", trace.after());
    }
    return root;
  }

  /** A statistic for people: 4 decimals, or "n/a" when undefined. */
  private static String number(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** JSON has no NaN: an undefined statistic is null. */
  private static void number(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
