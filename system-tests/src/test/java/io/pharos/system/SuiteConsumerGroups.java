package io.pharos.system;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.pharos.contracts.Topics;

/**
 * The service tests that ran before on the same broker left their events on the topics. A suite
 * started fresh is a new deployment: each of its consumer groups that has never committed starts at
 * the current end, so the services see the suite's traffic and not a backlog of other tests'
 * deliveries (which, sent to providers that are not there, would hold circuit breakers open).
 */
final class SuiteConsumerGroups {

    /** The consumer groups of each service and the topics they read (the services' application.properties). */
    private static final Map<String, Map<String, List<String>>> GROUPS = Map.of(
            "ticket-service", Map.of("ticket-service", List.of(Topics.CHANNEL_INBOUND, Topics.CHANNEL_DELIVERY)),
            "channel-gateway", Map.of("channel-gateway", List.of(Topics.CHANNEL_OUTBOUND),
                    "channel-gateway-acknowledgements", List.of(Topics.TICKET_EVENTS)),
            "survey-service", Map.of("survey-service", List.of(Topics.TICKET_EVENTS)),
            "analytics-service", Map.of("analytics-service", List.of(Topics.TICKET_EVENTS, Topics.SURVEY_EVENTS)));

    private SuiteConsumerGroups() {
    }

    /**
     * A group's offsets can only be set while it has no members, and a service's test JVM that just
     * ended stays a member until its session times out (45 s): try again until then.
     */
    private static void placeWhenEmpty(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, offsets).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("consumer group " + group + " not placed yet (" + e.getCause() + "); trying again");
                Thread.sleep(2_000);
            }
        }
    }

    static void startAtTheEnd(List<String> services) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
        try (Admin admin = Admin.create(props)) {
            for (String service : services) {
                for (Map.Entry<String, List<String>> group : GROUPS.getOrDefault(service, Map.of()).entrySet()) {
                    if (!admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata().get().isEmpty()) {
                        continue; // it ran before on this broker: it resumes where it was
                    }
                    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                    admin.describeTopics(group.getValue()).allTopicNames().get().values().forEach(topic -> topic.partitions()
                            .forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    admin.listOffsets(ends).all().get().forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end.offset())));
                    placeWhenEmpty(admin, group.getKey(), offsets);
                    System.out.println("consumer group " + group.getKey() + " starts at the end of " + group.getValue());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot place the suite's consumer groups", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
