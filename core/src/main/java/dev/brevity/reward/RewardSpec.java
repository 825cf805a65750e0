package dev.brevity.reward;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reward spec as a user writes it: a name and optional parameters, {@code o1-pruner(lambda=2)},
 * {@code thinkprune(limit=256, lenient=true)}, {@code correctness}. Only the syntax is checked
 * here; {@link Rewards#of(String)} checks names and values.
 *
 * @param name the reward's name
 * @param parameters parameter values as written, in the order written
 */
public record RewardSpec(String name, Map<String, String> parameters) {

  private static final Pattern SPEC =
      Pattern.compile("\\s*([a-z][a-z0-9-]*)\\s*(?:\\((.*)\\))?\\s*", Pattern.DOTALL);
  private static final Pattern PARAMETER =
      Pattern.compile("\\s*([a-z][a-z0-9-]*)\\s*=\\s*(\\S+)\\s*");

  public RewardSpec {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * @throws IllegalArgumentException quoting the spec and saying what is wrong with it
   */
  public static RewardSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty reward spec; write e.g. o1-pruner(lambda=2)");
    }
    Matcher spec = SPEC.matcher(text);
    if (!spec.matches()) {
      throw new IllegalArgumentException(
          "malformed reward spec '" + text + "'; write name or name(key=value, ...)");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String list = spec.group(2);
    if (list != null && !list.isBlank()) {
      for (String item : list.split(",", -1)) {
        Matcher parameter = PARAMETER.matcher(item);
        if (!parameter.matches()) {
          throw new IllegalArgumentException(
              "malformed parameter '"
                  + item.strip()
                  + "' in reward spec '"
                  + text
                  + "'; write key=value");
        }
        if (parameters.put(parameter.group(1), parameter.group(2)) != null) {
          throw new IllegalArgumentException(
              "parameter '" + parameter.group(1) + "' given twice in reward spec '" + text + "'");
        }
      }
    }
    return new RewardSpec(spec.group(1), parameters);
  }
}
