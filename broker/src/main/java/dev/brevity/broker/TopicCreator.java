package dev.brevity.broker;

import dev.brevity.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics of {@link Topic} that a cluster lacks; existing topics are left alone. */
public final class TopicCreator {

  private TopicCreator() {}

  /**
   * Creates every missing Brevity topic.
   *
   * @return the names created (empty when all existed)
   */
  public static List<String> createMissing(Admin admin, short replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Topic topic : Topic.values()) {
        if (!existing.contains(topic.topicName())) {
          missing.add(
              new NewTopic(topic.topicName(), topic.partitions(), replicationFactor)
                  .configs(topic.configs()));
        }
      }
      admin.createTopics(missing).all().get();
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create the Brevity topics: " + e.getCause(), e);
    }
  }
}
