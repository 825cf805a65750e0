package dev.brevity.sft;

import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.Prompts;
import dev.brevity.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The training data as token ids, in batches of similar length (little padding), in an order that
 * depends only on the seed and the epoch, so that training resumes at any step exactly.
 */
final class SftBatches {

  /** One training sequence: the prompt, and the teacher completion ending in end-of-text. */
  record Sequence(int[] prompt, int[] completion) {
    int length() {
      return prompt.length + completion.length;
    }
  }

  /** Sequences sorted together to bucket by length. */
  private static final int BUCKET_BATCHES = 50;

  private final List<Sequence> sequences;
  private final SftConfig config;
  private int epoch = -1;
  private List<List<Sequence>> epochBatches = List.of();

  /**
   * @param config its longest sequence, batch size, batching by length and seed
   */
  SftBatches(List<Example> examples, TextTokenizer tokenizer, int eosId, SftConfig config) {
    this.config = config;
    this.sequences = new ArrayList<>();
    for (Example example : examples) {
      int[] prompt = tokenizer.encode(Prompts.of(example.problem()));
      int[] teacher = tokenizer.encode(example.teacher());
      int[] completion = java.util.Arrays.copyOf(teacher, teacher.length + 1);
      completion[teacher.length] = eosId;
      Sequence sequence = new Sequence(prompt, completion);
      if (sequence.length() <= config.maxPositions()) {
        sequences.add(sequence);
      }
    }
  }

  int size() {
    return sequences.size();
  }

  int batchesPerEpoch() {
    return sequences.size() / config.batchSize();
  }

  /** The batch of global step {@code step}. */
  List<Sequence> batch(int step) {
    int perEpoch = batchesPerEpoch();
    int wanted = step / perEpoch;
    if (wanted != epoch) {
      epoch = wanted;
      epochBatches = order(epoch);
    }
    return epochBatches.get(step % perEpoch);
  }

  private List<List<Sequence>> order(int epoch) {
    Random random = new Random(config.seed() * 7919 + epoch);
    List<Sequence> shuffled = new ArrayList<>(sequences);
    Collections.shuffle(shuffled, random);
    List<List<Sequence>> batches = new ArrayList<>();
    int batchSize = config.batchSize();
    int bucket = batchSize * BUCKET_BATCHES;
    for (int start = 0; start + batchSize <= shuffled.size(); start += bucket) {
      List<Sequence> chunk =
          new ArrayList<>(shuffled.subList(start, Math.min(start + bucket, shuffled.size())));
      if (config.batchesByLength()) {
        chunk.sort(Comparator.comparingInt(Sequence::length));
      }
      for (int b = 0; b + batchSize <= chunk.size(); b += batchSize) {
        batches.add(chunk.subList(b, b + batchSize));
      }
    }
    Collections.shuffle(batches, random);
    return batches;
  }
}
