package dev.brevity.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against the JVM's shared real broker ({@link SharedKafkaBroker}). Test
 * methods and constructors may take a {@link KafkaTestClient} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBrokerExtension.class)
public @interface KafkaBroker {}
