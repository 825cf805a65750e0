package dev.brevity.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The JSONL layouts Brevity reads. */
public enum DatasetFormat {
  /**
   * Brevity's own (what {@code brevity task export} writes): {@code id}, {@code question}, {@code
   * answer}, optional {@code difficulty} and {@code dataset}; extra fields (the traces) are kept
   * out of the problem.
   */
  BREVITY,
  /** GSM8K: {@code question}, and {@code answer} whose last line is {@code #### N}. */
  GSM8K,
  /**
   * MATH: {@code problem}, {@code solution} with the final answer in its last {@code \boxed{}},
   * optional {@code level} ("Level 3") and {@code unique_id}; an {@code answer} field, when
   * present, is the answer (MATH-500 style).
   */
  MATH;

  /** The format a file is in, judged from its first record. */
  static DatasetFormat detect(JsonNode first) {
    if (first.has("problem")) {
      return MATH;
    }
    JsonNode answer = first.get("answer");
    if (first.has("question") && answer != null && answer.asText().contains("####")) {
      return GSM8K;
    }
    return BREVITY;
  }

  /**
   * The format named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static DatasetFormat of(String name) {
    for (DatasetFormat format : values()) {
      if (format.name().equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown data set format '"
            + name
            + "'; valid formats: "
            + Arrays.stream(values())
                .map(f -> f.name().toLowerCase())
                .collect(Collectors.joining(", ")));
  }
}
