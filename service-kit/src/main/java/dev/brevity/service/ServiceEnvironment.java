package dev.brevity.service;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What every service takes from where it runs ({@link ServiceBeans#environment}): its Kafka cluster
 * ({@code kafka.bootstrap.servers}), its meter registry (Prometheus, on /q/metrics), and the clock
 * that stamps its events.
 */
public record ServiceEnvironment(String bootstrapServers, MeterRegistry registry, Clock clock) {}
