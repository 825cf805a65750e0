package dev.brevity.trainer;

import dev.brevity.policy.checkpoint.CheckpointStore;

/**
 * What the trainer's loop and each of its run sessions work with: the trainer's configuration, its
 * Kafka cluster, the checkpoint store and the metrics.
 */
record TrainerContext(
    TrainerConfig config, String bootstrapServers, CheckpointStore store, TrainerMetrics metrics) {}
