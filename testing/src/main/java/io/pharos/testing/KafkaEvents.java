package io.pharos.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventJson;
import io.pharos.contracts.EventType;

/**
 * Reads what really arrived on the real Kafka topics, from the moment it was opened: the test
 * side of "every event arrives".
 */
public final class KafkaEvents implements AutoCloseable {

    private static final ObjectMapper JSON = EventJson.newMapper();

    public record Event(String topic, String key, JsonNode cloudEvent, String contentType) {
        public String type() {
            return cloudEvent.path("type").asText();
        }

        public String id() {
            return cloudEvent.path("id").asText();
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    public KafkaEvents(String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pharos-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position); // resolve the end offsets now
    }

    /** Polls until {@code count} matching events arrived (or the timeout), then returns all matching ones. */
    public List<Event> await(Predicate<Event> matching, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (seen.stream().filter(matching).count() < count && Instant.now().isBefore(deadline)) {
            pollOnce(Duration.ofMillis(300));
        }
        return seen.stream().filter(matching).toList();
    }

    /** Everything matching that arrived within the given time (for "nothing else arrives"). */
    public List<Event> during(Duration time, Predicate<Event> matching) {
        Instant deadline = Instant.now().plus(time);
        while (Instant.now().isBefore(deadline)) {
            pollOnce(Duration.ofMillis(300));
        }
        return seen.stream().filter(matching).toList();
    }

    /** Whether a record with this key arrived (whatever its value), waiting up to the timeout. */
    public boolean awaitRaw(String key, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                if (key.equals(record.key())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void pollOnce(Duration wait) {
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            try {
                var header = record.headers().lastHeader("content-type");
                seen.add(new Event(record.topic(), record.key(), JSON.readTree(record.value()),
                        header == null ? null : new String(header.value())));
            } catch (Exception e) {
                throw new AssertionError("not JSON on " + record.topic() + ": " + record.value(), e);
            }
        }
    }

    /**
     * Publishes one CloudEvent (structured JSON, tenant extension) to a topic as a producing service
     * would, and waits for the broker's acknowledgement.
     */
    public static void publish(String topic, String key, String source, String type, String tenant, Object data) {
        CloudEvent<Object> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID(), source, type, key, Instant.now(),
                CloudEvent.CONTENT_TYPE, tenant, data);
        try {
            publishRaw(topic, key, JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Publishes one event of a contract type, as its producer would. */
    public static <T> void publish(EventType<T> type, String key, String source, String tenant, T data) {
        publish(type.topic(), key, source, type.name(), tenant, data);
    }

    /** Publishes any value (also one that is not an event at all: poison for dead-letter tests). */
    public static void publishRaw(String topic, String key, String value) {
        publishRaw(topic, key, value, java.util.Map.of());
    }

    /** Publishes any value with these (text) record headers, e.g. to see them kept on a dead letter. */
    public static void publishRaw(String topic, String key, String value, java.util.Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new AssertionError("cannot publish to " + topic, e);
        }
    }

    private static KafkaProducer<String, String> producer;

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }

    /**
     * Waits until a service's consumer group has partitions assigned: a group that starts at the
     * end of a topic misses whatever a test publishes before that.
     */
    public static void awaitAssigned(String groupId, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
        try (Admin admin = Admin.create(props)) {
            Awaitility.await("consumer group " + groupId + " gets partitions").atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get().members().stream()
                            .anyMatch(m -> !m.assignment().topicPartitions().isEmpty()));
        }
    }

    public static Predicate<Event> about(String aggregateId) {
        return e -> aggregateId.equals(e.key());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
