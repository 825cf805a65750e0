#!/bin/sh
# Generated from dev.brevity.schemas.Topic; do not edit. Regenerate with
# ./brevity topics --script --replication-factor 1
# Creates the missing Brevity topics: create-topics.sh BOOTSTRAP
set -eu
bootstrap="${1:?usage: create-topics.sh BOOTSTRAP}"
topics="${KAFKA_HOME:-/opt/kafka}/bin/kafka-topics.sh"
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.runs --partitions 1 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.rollout-requests --partitions 4 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=604800000
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.traces --partitions 4 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.reference-stats --partitions 1 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.scored-traces --partitions 4 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.replayed-traces --partitions 4 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.checkpoints --partitions 1 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.training-metrics --partitions 1 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.trace-fates --partitions 4 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.eval-results --partitions 1 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic brevity.dead-letters --partitions 1 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=2592000000
