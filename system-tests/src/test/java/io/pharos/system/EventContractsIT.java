package io.pharos.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.Topics;
import io.pharos.testing.EventContracts;

/**
 * Runs after every other system test (junit-platform.properties orders by @Order) and reads back
 * everything the services published on every topic during this session: each event must match the
 * published JSON Schema of its type. The journeys exercise every channel, surveys, imports and
 * analytics, so this is the contract as the running suite really keeps it.
 */
@Order(Integer.MAX_VALUE)
class EventContractsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS = List.of(Topics.CHANNEL_INBOUND, Topics.CHANNEL_OUTBOUND, Topics.CHANNEL_DELIVERY,
            Topics.TICKET_EVENTS, Topics.SURVEY_EVENTS, Topics.deadLetters(Topics.CHANNEL_OUTBOUND));

    @Test
    void everyEventTheJourneysProducedKeepsTheSchemaOfItsType() throws Exception {
        Map<String, Integer> perType = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (ConsumerRecord<String, String> record : sinceSessionStart()) {
            JsonNode event;
            try {
                event = JSON.readTree(record.value());
            } catch (Exception e) {
                violations.add(record.topic() + " offset " + record.offset() + ": not JSON");
                continue;
            }
            if (Instant.parse(event.path("time").asText("1970-01-01T00:00:00Z")).isBefore(SuiteRuntime.SESSION_STARTED)) {
                continue; // an earlier run's event that a lagging timestamp index let through
            }
            perType.merge(event.path("type").asText(), 1, Integer::sum);
            Set<String> wrong = EventContracts.violations(event);
            if (!wrong.isEmpty()) {
                violations.add(record.topic() + " " + event.path("type").asText() + " " + event.path("id").asText() + ": " + wrong
                        + "\n    " + record.value());
            }
        }
        System.out.printf("EventContractsIT: %d events of %d types checked: %s%n",
                perType.values().stream().mapToInt(Integer::intValue).sum(), perType.size(), perType);
        // the journeys cover the main flows; if these are missing the capture itself is broken
        assertThat(perType).containsKeys("pharos.channel.message.received", "pharos.ticket.created", "pharos.ticket.message.added",
                "pharos.channel.message.requested", "pharos.channel.message.delivered", "pharos.ticket.solved",
                "pharos.survey.sent", "pharos.survey.responded");
        assertThat(violations).as("events that break their published schema").isEmpty();
    }

    /** Every record of the topics whose broker timestamp is at or after the session start. */
    private static List<ConsumerRecord<String, String>> sinceSessionStart() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pharos-contracts-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = TOPICS.stream()
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(10)).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = new java.util.HashMap<>();
            consumer.offsetsForTimes(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                    p -> SuiteRuntime.SESSION_STARTED.toEpochMilli()))).forEach((p, o) -> start.put(p, o == null ? null : o.offset()));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                consumer.seek(p, start.get(p) == null ? end.get(p) : start.get(p));
            }
            Instant deadline = Instant.now().plusSeconds(120);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
