package dev.brevity.trainer;

import ai.djl.ndarray.NDManager;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.events.ScoredTrace;
import dev.brevity.policy.ComputeDevice;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.Policy;
import dev.brevity.policy.checkpoint.CheckpointFiles;
import dev.brevity.policy.checkpoint.CheckpointStore;
import dev.brevity.policy.checkpoint.DurableFiles;
import dev.brevity.policy.checkpoint.Manifest;
import dev.brevity.run.RunPlan;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.service.KafkaClients;
import dev.brevity.train.Fate;
import dev.brevity.train.PolicyUpdater;
import dev.brevity.train.ProblemPool;
import dev.brevity.train.Request;
import dev.brevity.train.RunDriver;
import dev.brevity.train.RunDriver.Milestone;
import dev.brevity.train.UpdateStats;
import dev.brevity.train.Work;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

  private final RunRequested request;
  private final RunPlan plan;
  private final TrainerConfig config;
  private final String bootstrapServers;
  private final CheckpointStore store;
  private final TrainerMetrics metrics;
  private final BooleanSupplier stopping;
  private final String runId;

  RunSession(
      RunRequested request,
      RunPlan plan,
      TrainerConfig config,
      String bootstrapServers,
      CheckpointStore store,
      TrainerMetrics metrics,
      BooleanSupplier stopping) {
    this.request = request;
    this.plan = plan;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.store = store;
    this.metrics = metrics;
    this.stopping = stopping;
    this.runId = request.getRunId();
  }

  void run() {
    Path base = Path.of(config.baseModel());
    try (KafkaProducer<String, byte[]> producer = producer();
        KafkaConsumer<String, byte[]> consumer = consumer();
        NDManager manager = ComputeDevice.newManager(config.device(), TrainerService.DEVICE_KEY);
        Policy policy = Policy.load(base, manager)) {
      // Fence any earlier trainer of this run first (its open transaction completes or aborts),
      // then read the run's latest committed status: the state to resume from.
      producer.initTransactions();
      RunStatus lastStatus = RunsTopic.latestStatus(bootstrapServers, runId);
      boolean resumed = lastStatus != null && lastStatus.getTrainerState() != null;
      dev.brevity.train.RunState state =
          resumed
              ? dev.brevity.train.RunState.fromJson(lastStatus.getTrainerState())
              : RunDriver.initialState(plan);
      store.cleanUncommitted();
      int discarded = store.discardNewerThan(runId, state.version());
      if (discarded > 0) {
        LOG.infof("run %s: discarded %d checkpoint(s) that never committed", runId, discarded);
      }
      RunDriver driver = new RunDriver(runId, plan, ProblemPool.of(plan.data()), state);
      try (PolicyUpdater updater =
          new PolicyUpdater(policy.model(), reference(0, manager), plan, policy.padId())) {
        updater.referTo(
            state.referenceVersion(plan), reference(state.referenceVersion(plan), manager));
        if (state.weightsVersion() > 0) {
          updater.restore(
              checkpointDir(state.weightsVersion()),
              state.optimizerSteps(),
              state.freshOptimizer());
        }
        Transaction start = new Transaction();
        if (!resumed) {
          start.status(RunState.ACCEPTED, "method " + plan.method().id());
          start.requests(driver.start());
          start.status(RunState.RUNNING, "issued the first requests");
          // the run's traces all come after this: its consumer group starts at today's end
          OffsetLedger startAt = new OffsetLedger();
          startAt.startAt(consumer.endOffsets(scoredTracePartitions(consumer)));
          commit(producer, consumer, start, startAt, state);
          LOG.infof("run %s (%s) started", runId, plan.method().id());
        } else {
          LOG.infof(
              "run %s resumed at version %d (%d updates)", runId, state.version(), state.updates());
        }
        train(producer, consumer, driver, updater, policy);
      }
    }
  }

  private void train(
      KafkaProducer<String, byte[]> producer,
      KafkaConsumer<String, byte[]> consumer,
      RunDriver driver,
      PolicyUpdater updater,
      Policy policy) {
    OffsetLedger ledger = new OffsetLedger();
    Set<String> settledBefore = new HashSet<>(driver.state().settledAhead());
    consumer.subscribe(List.of(Topic.SCORED_TRACES.topicName()));
    List<ProducerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    while (!stopping.getAsBoolean()
        && driver.state().phase() != dev.brevity.train.RunState.Phase.DONE) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (settledBefore.remove(OffsetLedger.position(partition, record.offset()))) {
          ledger.consumed(partition, record.offset(), null, false, true);
          continue; // decided before the restart
        }
        ScoredTrace scored;
        try {
          scored = decode(record);
        } catch (EventDecodingException e) {
          LOG.warnf("dead-lettering a record: %s", e.getMessage());
          deadLetters.add(
              new ProducerRecord<>(
                  Topic.DEAD_LETTERS.topicName(),
                  null,
                  record.key(),
                  record.value(),
                  DeadLetters.headers(record, e)));
          metrics.deadLetter(record.topic());
          ledger.consumed(partition, record.offset(), null, false, true);
          continue;
        }
        if (!scored.getRunId().equals(runId)) {
          ledger.consumed(partition, record.offset(), null, false, false);
        } else {
          boolean held = driver.offer(TrainerEvents.rollout(scored));
          if (!held) {
            LOG.warnf(
                "run %s: trace %s belongs to no open batch; skipped", runId, scored.getTraceId());
          }
          ledger.consumed(partition, record.offset(), scored.getTraceId(), held, true);
        }
      }
      var work = driver.work();
      while (work.isPresent() && !stopping.getAsBoolean()) {
        Transaction transaction = new Transaction();
        transaction.deadLetters.addAll(deadLetters);
        deadLetters.clear();
        if (work.get() instanceof Work.Update update) {
          updateAndPublish(update, driver, updater, policy, transaction);
        } else {
          RunDriver.Outcome outcome = driver.complete(work.get());
          transaction.fates(outcome.fates());
          transaction.requests(outcome.requests());
          transaction.status(RunState.RUNNING, "reference samples complete; training");
        }
        ledger.settled(transaction.fateIds());
        driver.state().settledAhead(ledger.settledAhead());
        commit(producer, consumer, transaction, ledger, driver.state());
        ledger.prune();
        work = driver.work();
      }
      if (!deadLetters.isEmpty()) {
        Transaction transaction = new Transaction();
        transaction.deadLetters.addAll(deadLetters);
        deadLetters.clear();
        driver.state().settledAhead(ledger.settledAhead());
        transaction.status(RunState.RUNNING, "dead-lettered unreadable records");
        commit(producer, consumer, transaction, ledger, driver.state());
        ledger.prune();
      }
    }
    if (driver.state().phase() == dev.brevity.train.RunState.Phase.DONE) {
      LOG.infof("run %s succeeded: final version %d", runId, driver.state().finalVersion());
    }
  }

  /** Trains, writes and publishes the checkpoint, and fills the transaction that commits it. */
  private void updateAndPublish(
      Work.Update update,
      RunDriver driver,
      PolicyUpdater updater,
      Policy policy,
      Transaction transaction) {
    UpdateStats stats = updater.update(update);
    metrics.update(runId, stats);
    RunDriver.Outcome outcome = driver.complete(update);
    dev.brevity.train.RunState state = driver.state();
    long version = outcome.publishedVersion();
    state.optimizerSteps(updater.optimizer().steps());
    Path staged = Path.of(config.stagingDir()).resolve(runId + "-v" + version);
    deleteTree(staged);
    updater.save(
        staged, Path.of(config.baseModel()).resolve(CheckpointFiles.TOKENIZER), state.toJson());
    URI uri = store.publish(staged, runId, version);
    String sha256 = Manifest.sha256Of(staged);
    deleteTree(staged);
    if (outcome.reloadVersion() >= 0) {
      updater.restore(checkpointDir(outcome.reloadVersion()), 0, true);
    }
    if (state.freshOptimizer()) {
      updater.resetOptimizer();
      state.optimizerSteps(0);
    }
    updater.referTo(
        state.referenceVersion(plan),
        reference(state.referenceVersion(plan), policy.model().manager()));
    List<Integer> staleness = new ArrayList<>();
    update
        .rollouts()
        .forEach(r -> staleness.add((int) (outcome.parentVersion() - r.policyVersion())));
    Instant now = Instant.now();
    CheckpointPublished checkpoint =
        TrainerEvents.checkpoint(
            runId,
            version,
            outcome.parentVersion(),
            uri,
            sha256,
            state.stage(),
            state.updates(),
            now);
    if (outcome
        .milestones()
        .contains(Milestone.SUCCEEDED)) { // the last checkpoint names the result
      long result = state.finalVersion();
      checkpoint.setResultVersion(result);
      checkpoint.setResultUri((result == version ? uri : checkpointUri(result)).toString());
    }
    transaction.add(Topic.CHECKPOINTS, runId, checkpoint);
    transaction.add(
        Topic.TRAINING_METRICS,
        runId,
        TrainerEvents.trainingStep(
            runId, version, state.updates(), state.stage(), stats, staleness, now));
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

  private void commit(
      KafkaProducer<String, byte[]> producer,
      KafkaConsumer<String, byte[]> consumer,
      Transaction transaction,
      OffsetLedger ledger,
      dev.brevity.train.RunState state) {
    producer.beginTransaction();
    try {
      transaction.records.forEach(producer::send);
      transaction.statusRecords(state).forEach(producer::send);
      transaction.deadLetters.forEach(producer::send);
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      ledger.commitOffsets().forEach((p, o) -> offsets.put(p, new OffsetAndMetadata(o)));
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException ignored) {
        // fenced or broken: the session ends and resumes from the last commit
      }
      throw e;
    }
  }

  /** Loads π_ref when first needed: the base model (version 0) or a committed checkpoint. */
  private Supplier<LlamaModel> reference(long version, NDManager manager) {
    return () -> Policy.loadModel(checkpointDir(version), manager);
  }

  /** The directory of a committed version; version 0 is the base model. */
  private Path checkpointDir(long version) {
    return version == 0 ? Path.of(config.baseModel()) : store.open(checkpointUri(version));
  }

  /** Where version {@code version} of this run is: the base model for version 0. */
  private URI checkpointUri(long version) {
    if (version == 0) {
      return Path.of(config.baseModel()).toAbsolutePath().toUri();
    }
    for (URI uri : store.list(runId)) {
      if (uri.getPath().endsWith("/v" + version)) {
        return uri;
      }
    }
    throw new IllegalStateException(
        "run " + runId + ": committed checkpoint of version " + version + " is not in the store");
  }

  private static List<TopicPartition> scoredTracePartitions(KafkaConsumer<String, byte[]> c) {
    return c.partitionsFor(Topic.SCORED_TRACES.topicName()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private static ScoredTrace decode(ConsumerRecord<String, byte[]> record) {
    RecordLocation location = DeadLetters.location(record);
    Object event = CODEC.decode(record.value(), location);
    if (event instanceof ScoredTrace scored) {
      return scored;
    }
    throw new EventDecodingException(
        location, event.getClass().getSimpleName() + " does not belong on " + record.topic(), null);
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties p =
        KafkaClients.transactionalProducer(
            bootstrapServers, "brevity-trainer-" + runId, Duration.ofMinutes(1));
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties p =
        KafkaClients.readCommittedConsumer(
            bootstrapServers, "brevity-trainer-" + runId, config.sessionTimeout());
    // an update can take minutes on a CPU: the consumer must stay in its group meanwhile
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000);
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void deleteTree(Path dir) {
    try {
      DurableFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** What one commit publishes; its RunStatus events come last and carry the run state. */
  private final class Transaction {
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    final List<ProducerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    private final List<String> fateIds = new ArrayList<>();
    private final List<Map.Entry<RunState, String>> statuses = new ArrayList<>();

    void add(Topic topic, String key, org.apache.avro.specific.SpecificRecord event) {
      records.add(new ProducerRecord<>(topic.topicName(), key, CODEC.encode(event)));
    }

    void fates(List<Fate> fates) {
      Instant now = Instant.now();
      for (Fate fate : fates) {
        fateIds.add(fate.traceId());
        add(Topic.TRACE_FATES, fate.traceId(), TrainerEvents.fate(runId, fate, now));
      }
    }

    void requests(List<Request> requests) {
      Instant now = Instant.now();
      for (Request r : requests) {
        add(Topic.ROLLOUT_REQUESTS, r.problem().id(), TrainerEvents.request(runId, r, now));
      }
    }

    void status(RunState state, String message) {
      statuses.add(Map.entry(state, message));
    }

    /** The statuses, each with the run's version, stage and state: the last one counts. */
    List<ProducerRecord<String, byte[]>> statusRecords(dev.brevity.train.RunState state) {
      String json = state.toJson();
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
