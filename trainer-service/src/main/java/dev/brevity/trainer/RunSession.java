package dev.brevity.trainer;

import ai.djl.ndarray.NDManager;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.events.ScoredTrace;
import dev.brevity.policy.ComputeDevice;
import dev.brevity.run.RunPlan;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.Partitions;
import dev.brevity.service.DeadLetter;
import dev.brevity.service.DeadLetterLog;
import dev.brevity.service.Decoded;
import dev.brevity.service.EventDecoder;
import dev.brevity.service.KafkaClients;
import dev.brevity.service.Outgoing;
import dev.brevity.service.TransactionalStep;
import dev.brevity.train.DecidedFate;
import dev.brevity.train.Request;
import dev.brevity.train.RunDriver;
import dev.brevity.train.RunDriver.Milestone;
import dev.brevity.train.RunEngine;
import dev.brevity.train.UpdateStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Trains one run until it finishes or the trainer stops. Every step that changes the run commits
 * exactly once: the checkpoint files are written and published to the store first, then ONE Kafka
 * transaction carries the CheckpointPublished, the TrainingStep, the fates of the traces used, the
 * next rollout requests, a RunStatus with the trainer's state, and the consumer offsets of
 * brevity.scored-traces. A process killed anywhere restarts from the last such transaction: its
 * state, its checkpoint, and its offsets; checkpoints published after it are discarded.
 */
final class RunSession {

  private static final Logger LOG = Logger.getLogger(RunSession.class);
  private static final EventCodec CODEC = EventCodec.standard();
  private static final EventDecoder<ScoredTrace> SCORED = EventDecoder.of(ScoredTrace.class);

  private final RunRequested request;
  private final RunPlan plan;
  private final TrainerContext trainer;
  private final BooleanSupplier stopping;
  private final String runId;
  private final DeadLetterLog deadLetterLog;

  RunSession(RunRequested request, RunPlan plan, TrainerContext trainer, BooleanSupplier stopping) {
    this.request = request;
    this.plan = plan;
    this.trainer = trainer;
    this.stopping = stopping;
    this.runId = request.getRunId();
    this.deadLetterLog = new DeadLetterLog(trainer.metrics()::deadLetter);
  }

  void run() {
    try (KafkaProducer<String, byte[]> producer = producer();
        KafkaConsumer<String, byte[]> consumer = consumer();
        NDManager manager =
            ComputeDevice.newManager(trainer.config().device(), TrainerService.DEVICE_KEY)) {
      // Fence any earlier trainer of this run first (its open transaction completes or aborts),
      // then read the run's latest committed status: the state to resume from.
      producer.initTransactions();
      TransactionalStep step = new TransactionalStep(producer, consumer);
      RunStatus lastStatus = RunsTopic.latestStatus(trainer.bootstrapServers(), runId);
      boolean resumed = lastStatus != null && lastStatus.getTrainerState() != null;
      TrainerState state =
          resumed
              ? TrainerState.fromJson(lastStatus.getTrainerState())
              : new TrainerState(RunDriver.initialState(plan), List.of());
      trainer.store().cleanUncommitted();
      int discarded = trainer.store().discardNewerThan(runId, state.run().version());
      if (discarded > 0) {
        LOG.infof("run %s: discarded %d checkpoint(s) that never committed", runId, discarded);
      }
      try (RunEngine engine =
          new RunEngine(
              runId,
              plan,
              state.run(),
              Path.of(trainer.config().baseModel()),
              manager,
              trainer.store(),
              Path.of(trainer.config().stagingDir()))) {
        OffsetLedger ledger = new OffsetLedger();
        if (!resumed) {
          Transaction start = new Transaction();
          start.status(RunState.ACCEPTED, "method " + plan.method().id());
          start.requests(engine.start());
          start.status(RunState.RUNNING, "issued the first requests");
          // the run's traces all come after this: its consumer group starts at today's end
          OffsetLedger startAt = new OffsetLedger();
          startAt.startAt(consumer.endOffsets(scoredTracePartitions(consumer)));
          commit(step, start, startAt, engine.state());
          LOG.infof("run %s (%s) started", runId, plan.method().id());
        } else {
          LOG.infof(
              "run %s resumed at version %d (%d updates)",
              runId, state.run().version(), state.run().updates());
        }
        train(step, consumer, engine, ledger, new HashSet<>(state.settledAhead()));
      }
    }
  }

  /**
   * Feeds the engine this run's scored traces and commits each step it takes.
   *
   * @param settledBefore positions of records decided before a restart: skipped when read again
   */
  private void train(
      TransactionalStep commits,
      KafkaConsumer<String, byte[]> consumer,
      RunEngine engine,
      OffsetLedger ledger,
      Set<String> settledBefore) {
    consumer.subscribe(List.of(Topic.SCORED_TRACES.topicName()));
    List<DeadLetter> deadLetters = new ArrayList<>();
    while (!stopping.getAsBoolean() && !engine.done()) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (settledBefore.remove(OffsetLedger.position(partition, record.offset()))) {
          ledger.consumed(partition, record.offset(), null, false, true);
          continue; // decided before the restart
        }
        Decoded<ScoredTrace> decoded = SCORED.read(record);
        if (!decoded.isEvent()) {
          deadLetters.add(deadLetterLog.report(decoded.deadLetter()));
          ledger.consumed(partition, record.offset(), null, false, true);
          continue;
        }
        ScoredTrace scored = decoded.event();
        if (!scored.getRunId().equals(runId)) {
          ledger.consumed(partition, record.offset(), null, false, false);
        } else {
          boolean held = engine.offer(TrainerEvents.rollout(scored));
          if (!held) {
            LOG.warnf(
                "run %s: trace %s belongs to no open batch; skipped", runId, scored.getTraceId());
          }
          ledger.consumed(partition, record.offset(), scored.getTraceId(), held, true);
        }
      }
      var step = stopping.getAsBoolean() ? Optional.<RunEngine.Step>empty() : engine.step();
      while (step.isPresent()) {
        Transaction transaction = new Transaction();
        transaction.deadLetters.addAll(deadLetters);
        deadLetters.clear();
        fill(transaction, step.get(), engine.state());
        ledger.settled(transaction.fateIds());
        commit(commits, transaction, ledger, engine.state());
        ledger.prune();
        step = stopping.getAsBoolean() ? Optional.empty() : engine.step();
      }
      if (!deadLetters.isEmpty()) {
        Transaction transaction = new Transaction();
        transaction.deadLetters.addAll(deadLetters);
        deadLetters.clear();
        transaction.status(RunState.RUNNING, "dead-lettered unreadable records");
        commit(commits, transaction, ledger, engine.state());
        ledger.prune();
      }
    }
    if (engine.done()) {
      LOG.infof("run %s succeeded: final version %d", runId, engine.state().finalVersion());
    }
  }

  /** The events of one engine step: what its transaction publishes. */
  private void fill(
      Transaction transaction, RunEngine.Step step, dev.brevity.train.EngineState state) {
    RunDriver.Outcome outcome = step.outcome();
    if (step.published() == null) {
      transaction.fates(outcome.fates());
      transaction.requests(outcome.requests());
      transaction.status(
          RunState.RUNNING,
          outcome.milestones().contains(Milestone.REFERENCE_COMPLETE)
              ? "reference samples complete; training"
              : "requested " + outcome.requests().size() + " more prompt(s) for the batch");
      return;
    }
    UpdateStats stats = step.stats();
    trainer.metrics().update(runId, stats);
    long version = step.published().version();
    Instant now = Instant.now();
    CheckpointPublished checkpoint =
        TrainerEvents.checkpoint(
            runId,
            version,
            outcome.parentVersion(),
            step.published().uri(),
            step.published().sha256(),
            state.stage(),
            state.updates(),
            now);
    if (step.result() != null) { // the last checkpoint names the result
      checkpoint.setResultVersion(step.result().version());
      checkpoint.setResultUri(step.result().uri().toString());
    }
    transaction.add(Topic.CHECKPOINTS, runId, checkpoint);
    transaction.add(
        Topic.TRAINING_METRICS,
        runId,
        TrainerEvents.trainingStep(
            runId, version, state.updates(), state.stage(), stats, step.staleness(), now));
    transaction.fates(outcome.fates());
    transaction.requests(outcome.requests());
    for (Milestone milestone : outcome.milestones()) {
      switch (milestone) {
        case STAGE_COMPLETED -> transaction.status(RunState.STAGE_COMPLETED, "stage completed");
        case SUCCEEDED ->
            transaction.status(RunState.SUCCEEDED, "final version " + state.finalVersion());
        default -> {}
      }
    }
    if (!outcome.milestones().contains(Milestone.SUCCEEDED)) {
      transaction.status(RunState.RUNNING, "trained version " + version);
    }
    LOG.infof(
        "run %s: version %d (stage %d) reward %.3f accuracy %.3f length %.1f loss %.4f in %.1f s",
        runId,
        version,
        state.stage(),
        stats.rewardMean(),
        stats.accuracy(),
        stats.lengthMean(),
        stats.loss(),
        stats.seconds());
  }

  /** Commits the transaction's records, its statuses and dead letters, and the offsets. */
  private void commit(
      TransactionalStep step,
      Transaction transaction,
      OffsetLedger ledger,
      dev.brevity.train.EngineState state) {
    Outgoing out = new Outgoing();
    transaction.records.forEach(out::send);
    transaction.statusRecords(new TrainerState(state, ledger.settledAhead())).forEach(out::send);
    transaction.deadLetters.forEach(out::deadLetter);
    ledger.commitOffsets().forEach(out::offset);
    step.commit(out);
  }

  private static List<TopicPartition> scoredTracePartitions(KafkaConsumer<String, byte[]> c) {
    return Partitions.of(c, Topic.SCORED_TRACES.topicName());
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties p =
        KafkaClients.transactionalProducer(
            trainer.bootstrapServers(), "brevity-trainer-" + runId, Duration.ofMinutes(1));
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties p =
        KafkaClients.readCommittedConsumer(
            trainer.bootstrapServers(),
            "brevity-trainer-" + runId,
            trainer.config().sessionTimeout());
    // an update can take minutes on a CPU: the consumer must stay in its group meanwhile
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000);
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** What one commit publishes; its RunStatus events come last and carry the run state. */
  private final class Transaction {
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<String> fateIds = new ArrayList<>();
    private final List<Map.Entry<RunState, String>> statuses = new ArrayList<>();

    void add(Topic topic, String key, org.apache.avro.specific.SpecificRecord event) {
      records.add(new ProducerRecord<>(topic.topicName(), key, CODEC.encode(event)));
    }

    void fates(List<DecidedFate> fates) {
      Instant now = Instant.now();
      for (DecidedFate fate : fates) {
        fateIds.add(fate.traceId());
        add(Topic.TRACE_FATES, fate.traceId(), TrainerEvents.fate(runId, fate, now));
      }
    }

    void requests(List<Request> requests) {
      Instant now = Instant.now();
      for (Request r : requests) {
        add(Topic.ROLLOUT_REQUESTS, r.problem().id(), TrainerEvents.request(runId, plan, r, now));
      }
    }

    void status(RunState state, String message) {
      statuses.add(Map.entry(state, message));
    }

    /** The statuses, each with the run's version, stage and state: the last one counts. */
    List<ProducerRecord<String, byte[]>> statusRecords(TrainerState trainer) {
      dev.brevity.train.EngineState state = trainer.run();
      String json = trainer.toJson();
      return statuses.stream()
          .map(
              s ->
                  new ProducerRecord<>(
                      Topic.RUNS.topicName(),
                      RunReview.statusKey(runId),
                      CODEC.encode(
                          TrainerEvents.status(
                              runId,
                              s.getKey(),
                              state.version(),
                              state.stage(),
                              s.getValue(),
                              json))))
          .toList();
    }

    List<String> fateIds() {
      return fateIds;
    }
  }
}
