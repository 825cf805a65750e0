import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brevity.eval.PolicyEvaluation;
import dev.brevity.eval.PolicyEvaluation.Report;
import dev.brevity.eval.PolicyEvaluation.Stats;
import dev.brevity.policy.Generator;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.task.TaskProblem;
import dev.brevity.task.Prompts;
import dev.brevity.verify.AnswerVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a bundled-task policy's thinking is made of, and which parts of it pruning can remove
 * (docs/RESULTS.md, "What the reference's length is made of"). It reads the policy's greedy
 * completions written by {@code brevity eval --completions} and prints three measurements:
 *
 * <ol>
 *   <li><b>parts</b>: the mean length in tokens as generated; with every phrase the teacher varies
 *       (restatement, plan, re-check wording) replaced by its shortest variant; without the closing
 *       confirmation (from "Let me confirm another way." to the end of the thinking); and both;
 *   <li><b>ending</b>: the policy's probability of ending its thinking right after "So the result
 *       is N." — what on-policy sampling would have to propose for the confirmation to be pruned;
 *   <li><b>constrained</b>: greedy decoding of the same problems, free; with re-checks and
 *       hesitations banned after every step; and with the restatement of the problem banned as the
 *       thinking's first sentence (constrained decoding): accuracy and length per level.
 * </ol>
 *
 * <p>Run from the repository root, after the cli is built:
 *
 * <pre>
 * ./brevity eval --checkpoint models/reference --split eval --per-level 30 --batch-size 64 \
 *     --completions /tmp/reference.jsonl
 * java -cp "cli/target/brevity-cli.jar:cli/target/lib/*" tools/analysis/TraceAnatomy.java \
 *     models/reference /tmp/reference.jsonl
 * </pre>
 */
public class TraceAnatomy {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The end of a step in the teacher's format: "…, so 46." or "7+5=12." */
  private static final Pattern STEP_END = Pattern.compile("(, so -?\\d+|=-?\\d+)\\.$");

  /** The openings of a re-check and of a hesitation (dev.brevity.task.Traces). */
  private static final String[] RECHECK_AND_HESITATION_OPENINGS = {
    " Wait, let me check", " Let me double-check", " Check:", " Hmm, okay.", " Alright.",
    " Let me keep going."
  };

  private static final String CONFIRMATION = " Let me confirm another way.";

  private static final String THINK = "<think>";

  /** The openings of the restatement (dev.brevity.task.Traces), the thinking's first sentence. */
  private static final String[] RESTATEMENT_OPENINGS = {
    "Okay, so I need", "Let me restate the problem", "The problem asks"
  };

  private record Completion(TaskProblem problem, String text, int length) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: TraceAnatomy CHECKPOINT COMPLETIONS.jsonl");
      System.exit(2);
    }
    List<Completion> completions = read(Path.of(args[1]));
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(Path.of(args[0]), manager)) {
      parts(policy, completions);
      ending(policy, completions);
      constrained(policy, completions);
    }
  }

  private static void parts(Policy policy, List<Completion> completions) {
    double asGenerated = 0;
    double shortestPhrasing = 0;
    double withoutConfirmation = 0;
    double both = 0;
    for (Completion c : completions) {
      String shortest = shortestPhrasing(c.text());
      asGenerated += c.length();
      shortestPhrasing += tokens(policy, shortest);
      withoutConfirmation += tokens(policy, withoutConfirmation(c.text()));
      both += tokens(policy, withoutConfirmation(shortest));
    }
    int n = completions.size();
    System.out.printf("parts (mean tokens over %d completions)%n", n);
    System.out.printf("  as generated                  %6.1f%n", asGenerated / n);
    row("shortest phrasing", shortestPhrasing / n, asGenerated / n);
    row("without the confirmation", withoutConfirmation / n, asGenerated / n);
    row("both", both / n, asGenerated / n);
  }

  private static void row(String name, double length, double reference) {
    System.out.printf("  %-29s %6.1f  (%+.1f %%)%n", name, length, 100 * (length / reference - 1));
  }

  /** Every varied phrase in its shortest wording (the teacher picks among them at random). */
  private static String shortestPhrasing(String text) {
    return text.replace("Let me double-check that:", "Check:")
        .replace("Wait, let me check:", "Check:")
        .replace(". Right.", ". Good.")
        .replace(". Yes.", ". Good.")
        .replace("Let me restate the problem: compute", "Okay, so I need to compute")
        .replace("The problem asks for the value of", "Okay, so I need to compute")
        .replace("Let me go step by step.", "Hmm, let me think.")
        .replace("I will work through it one operation at a time.", "Hmm, let me think.");
  }

  private static String withoutConfirmation(String text) {
    int start = text.indexOf(CONFIRMATION);
    int end = text.indexOf("</think>");
    return start < 0 || end < start ? text : text.substring(0, start) + text.substring(end);
  }

  /** Tokens of a completion text plus its end-of-text token, as the evaluation counts them. */
  private static int tokens(Policy policy, String text) {
    return policy.tokenizer().encode(text).length + 1;
  }

  private static void ending(Policy policy, List<Completion> completions) {
    double logProbSum = 0;
    int n = 0;
    for (Completion c : completions) {
      int cut = c.text().indexOf(CONFIRMATION);
      if (cut < 0) {
        continue;
      }
      String thought = c.text().substring(0, cut);
      int[] prefix = policy.tokenizer().encode(thought);
      int[] ended =
          policy.tokenizer().encode(thought + "</think> \\boxed{" + c.problem().answer() + "}");
      int first = 0; // the first token where the ended text departs from the thought
      while (first < prefix.length && prefix[first] == ended[first]) {
        first++;
      }
      int[] prompt = policy.tokenizer().encode(Prompts.of(c.problem()));
      float[] logProbs =
          SequenceScorer.scoreWithoutGradients(
                  policy.model(), List.of(prompt), List.of(ended), policy.padId())
              .get(0)
              .logProbs();
      logProbSum += logProbs[first];
      n++;
    }
    double mean = logProbSum / n;
    System.out.printf(
        "ending: mean log-probability of ending the thinking right after \"So the result is N.\""
            + " %.2f (probability %.1e), over %d completions%n",
        mean, Math.exp(mean), n);
  }

  private static void constrained(Policy policy, List<Completion> completions) {
    Set<Integer> checks = new HashSet<>();
    for (String opening : RECHECK_AND_HESITATION_OPENINGS) {
      checks.add(policy.tokenizer().encode(opening)[0]);
    }
    Generator.TokenFilter noRechecks =
        (sequence, generated) -> {
          int[] tokens = generated.stream().mapToInt(Integer::intValue).toArray();
          return STEP_END.matcher(policy.tokenizer().decode(tokens)).find() ? checks : Set.of();
        };
    int think = policy.tokenizer().encode(THINK).length;
    Set<Integer> restatements = new HashSet<>();
    for (String opening : RESTATEMENT_OPENINGS) {
      restatements.add(policy.tokenizer().encode(THINK + opening)[think]);
    }
    Generator.TokenFilter noRestatement =
        (sequence, generated) -> generated.size() == think ? restatements : Set.of();
    Generator generator = policy.generator();
    List<TaskProblem> problems = completions.stream().map(Completion::problem).toList();
    Report free = evaluate(policy, generator::generate, problems);
    Report withoutRechecks = evaluate(policy, constrainedBy(generator, noRechecks), problems);
    Report withoutRestatement = evaluate(policy, constrainedBy(generator, noRestatement), problems);
    System.out.println(
        "constrained (greedy; re-checks and hesitations banned after a step; the restatement"
            + " banned as the first sentence)");
    System.out.printf(
        "  %-6s %21s %21s %21s%n", "level", "free", "without re-checks", "without restatement");
    for (int level : free.byDifficulty().keySet()) {
      row(
          Integer.toString(level),
          free.byDifficulty().get(level),
          withoutRechecks.byDifficulty().get(level),
          withoutRestatement.byDifficulty().get(level));
    }
    row("all", free.overall(), withoutRechecks.overall(), withoutRestatement.overall());
    System.out.println("  (accuracy / mean tokens)");
  }

  private static PolicyEvaluation.Decoder constrainedBy(
      Generator generator, Generator.TokenFilter filter) {
    return (prompts, sampling) -> generator.generate(prompts, sampling, filter);
  }

  /** Greedy evaluation as `brevity eval` does it (batches of 64, token limit 900). */
  private static Report evaluate(
      Policy policy, PolicyEvaluation.Decoder decoder, List<TaskProblem> problems) {
    return PolicyEvaluation.evaluate(
        policy,
        decoder,
        problems,
        SamplingConfig.greedy(900),
        1,
        64,
        AnswerVerifier.standard(),
        done -> {},
        completion -> {});
  }

  private static void row(String name, Stats... columns) {
    StringBuilder line = new StringBuilder(String.format("  %-6s", name));
    for (Stats s : columns) {
      line.append(String.format(" %11.3f / %7.1f", s.accuracy(), s.meanLength()));
    }
    System.out.println(line);
  }

  private static List<Completion> read(Path file) throws Exception {
    List<Completion> completions = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode c = JSON.readTree(line);
      TaskProblem problem =
          new TaskProblem(
              c.get("id").asText(),
              c.get("question").asText(),
              c.get("answer").asText(),
              c.get("difficulty").asInt(),
              "arith");
      completions.add(new Completion(problem, c.get("text").asText(), c.get("length").asInt()));
    }
    return completions;
  }
}
