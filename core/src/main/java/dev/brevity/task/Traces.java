package dev.brevity.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The two solution styles of the bundled task, both in a reasoning model's output format: {@code
 * <think> … </think>} then {@code \boxed{N}}.
 *
 * <ul>
 *   <li><b>minimal</b>: only the necessary steps, one per operation;
 *   <li><b>teacher</b>: an O1-style long thought — the same steps plus restating the problem,
 *       re-verifying finished steps, a confirmation by a second method, hesitation, and on levels 3
 *       and up sometimes a wrong intermediate result that is noticed and corrected. The chance of
 *       each redundant behaviour is the same on every level, so easy problems are over-thought as
 *       much as hard ones, relative to what they need.
 * </ul>
 */
public final class Traces {

  /** Chance that a finished step is re-verified. */
  static final double RECHECK = 0.7;

  /** Chance of a hesitation after a step. */
  static final double HESITATE = 0.25;

  /** Chance that a problem of level {@link #FIRST_ERROR_LEVEL} or above has one corrected slip. */
  static final double SLIP = 0.35;

  /** The first level with corrected slips. */
  static final int FIRST_ERROR_LEVEL = 3;

  private static final String THINK = "<think>";
  private static final String END_THINK = "</think>";
  private static final String CONFIRM = "Let me confirm another way.";

  private static final String[] RESTATE = {
    "Okay, so I need to compute %s.",
    "Let me restate the problem: compute %s.",
    "The problem asks for the value of %s.",
  };
  private static final String[] PLAN = {
    "Let me go step by step.",
    "I will work through it one operation at a time.",
    "Hmm, let me think.",
  };
  private static final String[] RECHECKS = {
    "Wait, let me check: %s. Yes.", "Let me double-check that: %s. Right.", "Check: %s. Good.",
  };
  private static final String[] HESITATIONS = {"Hmm, okay.", "Alright.", "Let me keep going."};
  private static final String[] NOTICE = {
    "Wait, that is not right.", "Hmm, wait, that looks wrong.", "No, let me redo that.",
  };

  private Traces() {}

  /** Wraps reasoning in the output format: {@code <think>reasoning</think> \boxed{answer}}. */
  public static String format(String reasoning, String answer) {
    return THINK + reasoning + END_THINK + " \\boxed{" + answer + "}";
  }

  /** The minimal solution: {@code <think>7+5=12. 12-9=3.</think> \boxed{3}}. */
  public static String minimal(Chain chain) {
    List<String> steps = new ArrayList<>();
    for (Step step : steps(chain)) {
      steps.add(step.minimalText());
    }
    return format(String.join(" ", steps), Integer.toString(chain.value()));
  }

  /**
   * The teacher's long thought, deterministic for a given {@code random} state.
   *
   * @param level the problem's level (slips only from {@link #FIRST_ERROR_LEVEL})
   */
  public static String teacher(Chain chain, int level, Random random) {
    List<Step> steps = steps(chain);
    int slipAt =
        level >= FIRST_ERROR_LEVEL && random.nextDouble() < SLIP
            ? random.nextInt(steps.size())
            : -1;
    List<String> parts = new ArrayList<>();
    parts.add(String.format(pick(RESTATE, random), chain.expression()));
    parts.add(pick(PLAN, random));
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (i == slipAt) {
        Step slip =
            new Step(step.before(), step.operand(), step.after() + (random.nextBoolean() ? 1 : -1));
        parts.add(slip.fact() + ".");
        parts.add(pick(NOTICE, random));
      }
      parts.add(step.minimalText());
      if (random.nextDouble() < RECHECK) {
        String check = random.nextBoolean() ? step.fact() : step.inverseFact();
        parts.add(String.format(pick(RECHECKS, random), check));
      }
      if (random.nextDouble() < HESITATE) {
        parts.add(pick(HESITATIONS, random));
      }
    }
    parts.add("So the result is " + chain.value() + ".");
    parts.add(secondMethod(chain));
    parts.add("I am confident the answer is " + chain.value() + ".");
    return format(String.join(" ", parts), Integer.toString(chain.value()));
  }

  /**
   * How often a teacher trace keeps each of its framing parts: the restatement of the problem, the
   * plan sentence, and the closing confirmation (from "Let me confirm another way." to the end of
   * the thought); and how often a trace without its opening — neither restatement nor plan — goes
   * straight through the chain ({@code direct}): no re-checks, hesitations or corrected slips
   * between its steps. {@link #teacher} always writes all three parts and never goes direct.
   */
  public record Framing(double restatement, double plan, double confirmation, double direct) {

    /** Every part, every time: the teacher as {@link #teacher} writes it. */
    public static final Framing ALWAYS = new Framing(1, 1, 1);

    /**
     * Each part usually, so that a policy trained on it has seen thinking without it (the second
     * stage of the reference model, {@code SftConfig.framingStage()}): a policy that always writes
     * a part gives on-policy pruning no sample without it to prefer.
     */
    public static final Framing USUALLY = new Framing(0.75, 0.75, 0.7);

    /**
     * {@link #USUALLY}, and every trace without its opening goes direct (one in sixteen; the third
     * stage of the reference model, {@code SftConfig.directStage()}): a policy that has only ever
     * followed its chain with re-checks between the steps loses its place without them, so pruning
     * cannot remove them without losing accuracy. Greedy, the policy still restates and plans, and
     * so still re-checks.
     */
    public static final Framing DIRECT_WITHOUT_OPENING = new Framing(0.75, 0.75, 0.7, 1);

    public Framing {
      for (double p : new double[] {restatement, plan, confirmation, direct}) {
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException(
              "framing probabilities must be in [0, 1], got restatement "
                  + restatement
                  + ", plan "
                  + plan
                  + ", confirmation "
                  + confirmation
                  + ", direct "
                  + direct);
        }
      }
    }

    /** The framing parts alone; no trace goes direct. */
    public Framing(double restatement, double plan, double confirmation) {
      this(restatement, plan, confirmation, 0);
    }
  }

  /**
   * A teacher trace with each framing part kept with its {@code framing} probability, and without
   * its opening going direct with probability {@code framing.direct()} (three draws of {@code
   * random}, whatever is kept, and a fourth when {@code direct} is not 0).
   *
   * @param teacher a trace written by {@link #teacher}
   */
  public static String withFraming(String teacher, Framing framing, Random random) {
    boolean restatement = random.nextDouble() < framing.restatement();
    boolean plan = random.nextDouble() < framing.plan();
    boolean confirmation = random.nextDouble() < framing.confirmation();
    boolean direct =
        framing.direct() > 0 && random.nextDouble() < framing.direct() && !restatement && !plan;
    String thought = teacher.substring(THINK.length());
    if (direct) {
      thought = BETWEEN_STEPS.matcher(thought).replaceAll("");
    }
    if (!restatement) {
      thought = thought.substring(thought.indexOf(". ") + 2);
    }
    if (!plan) {
      for (String sentence : PLAN) {
        int at = thought.indexOf(sentence + " ");
        if (at >= 0) {
          thought = thought.substring(0, at) + thought.substring(at + sentence.length() + 1);
          break;
        }
      }
    }
    if (!confirmation) {
      int start = thought.indexOf(" " + CONFIRM);
      thought = thought.substring(0, start) + thought.substring(thought.indexOf(END_THINK));
    }
    return THINK + thought;
  }

  /**
   * What {@link #teacher} writes between the steps of the chain, each with the space before it: a
   * re-check ("Check: 41-5=36. Good."), a hesitation ("Alright."), a slip and its notice
   * ("42-13=28. No, let me redo that."). A fact never holds a space.
   */
  private static final Pattern BETWEEN_STEPS = betweenSteps();

  private static Pattern betweenSteps() {
    List<String> forms = new ArrayList<>();
    for (String recheck : RECHECKS) {
      String[] around = recheck.split("%s");
      forms.add(Pattern.quote(around[0]) + "\\S+" + Pattern.quote(around[1]));
    }
    for (String hesitation : HESITATIONS) {
      forms.add(Pattern.quote(hesitation));
    }
    for (String notice : NOTICE) {
      forms.add("\\S+\\. " + Pattern.quote(notice));
    }
    return Pattern.compile(" (?:" + String.join("|", forms) + ")");
  }

  /** Confirmation by a second method: add the added terms, add the subtracted ones, subtract. */
  private static String secondMethod(Chain chain) {
    List<Integer> added = new ArrayList<>(List.of(chain.start()));
    List<Integer> subtracted = new ArrayList<>();
    for (int operand : chain.operands()) {
      (operand >= 0 ? added : subtracted).add(Math.abs(operand));
    }
    int plus = added.stream().mapToInt(Integer::intValue).sum();
    int minus = subtracted.stream().mapToInt(Integer::intValue).sum();
    StringBuilder text = new StringBuilder(CONFIRM + " The added terms: ");
    text.append(sumText(added, plus)).append(". The subtracted terms: ");
    text.append(subtracted.isEmpty() ? "none" : sumText(subtracted, minus)).append(". ");
    text.append(plus)
        .append("-")
        .append(minus)
        .append("=")
        .append(plus - minus)
        .append(". Same answer.");
    return text.toString();
  }

  private static String sumText(List<Integer> terms, int sum) {
    if (terms.size() == 1) {
      return Integer.toString(sum);
    }
    StringBuilder text = new StringBuilder();
    for (int term : terms) {
      text.append(text.length() == 0 ? "" : "+").append(term);
    }
    return text.append("=").append(sum).toString();
  }

  private static List<Step> steps(Chain chain) {
    List<Step> steps = new ArrayList<>();
    int value = chain.start();
    for (int operand : chain.operands()) {
      Step step = new Step(value, operand);
      steps.add(step);
      value = step.after();
    }
    return steps;
  }

  private static String pick(String[] choices, Random random) {
    return choices[random.nextInt(choices.length)];
  }
}
