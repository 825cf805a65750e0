package dev.brevity.reward;

import java.util.List;

/**
 * What O1-Pruner's reference pre-sampling measures for one problem x: K samples y' of the frozen
 * reference policy π_ref.
 *
 * <pre>
 *   L̄_ref(x) = (1/K) Σ_k L(y'_k)        Ā_ref(x) = (1/K) Σ_k A(x, y'_k)
 * </pre>
 *
 * @param samples K
 * @param meanLength L̄_ref(x), in tokens
 * @param meanAccuracy Ā_ref(x), in [0, 1]
 * @param correctLengths L(y'_k) of the correct samples, in sample order
 */
public record ReferenceStatistics(
    int samples, double meanLength, double meanAccuracy, List<Integer> correctLengths) {

  public ReferenceStatistics {
    if (samples < 1) {
      throw new IllegalArgumentException(
          "reference statistics need K >= 1 samples, got " + samples);
    }
    correctLengths = List.copyOf(correctLengths);
  }

  /** The statistics of K judged reference samples. */
  public static ReferenceStatistics of(List<Attempt> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("reference statistics need K >= 1 samples, got none");
    }
    double lengths = 0;
    double correct = 0;
    for (Attempt sample : samples) {
      lengths += sample.length();
      correct += sample.accuracy();
    }
    List<Integer> correctLengths =
        samples.stream().filter(Attempt::correct).map(Attempt::length).toList();
    return new ReferenceStatistics(
        samples.size(), lengths / samples.size(), correct / samples.size(), correctLengths);
  }
}
