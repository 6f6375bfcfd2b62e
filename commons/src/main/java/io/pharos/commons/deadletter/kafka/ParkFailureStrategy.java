package io.pharos.commons.deadletter.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.deadletter.DeadLetterRecord;
import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.commons.deadletter.store.DeadLetterStore;
import io.pharos.commons.retry.TransientFailures;
import io.pharos.commons.deadletter.store.NewDeadLetter;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * The Kafka failure strategy {@code pharos-park} ({@code mp.messaging.incoming.<channel>.failure-strategy=pharos-park}):
 * a record its consumer could not process is parked in this service's {@code dead_letter} table, and
 * only then acknowledged, so the stream goes on and nothing is lost. While the table cannot be
 * written (database down) it retries with backoff and the channel waits: a record is never
 * acknowledged unparked. Unlike a shared {@code <topic>.dlq} topic, the row says whose dead letter
 * it is (channel, consumer group) and can be replayed in place.
 */
@ApplicationScoped
@Identifier(ParkFailureStrategy.NAME)
public class ParkFailureStrategy implements KafkaFailureHandler.Factory {

    public static final String NAME = "pharos-park";
    private static final Logger LOG = Logger.getLogger(ParkFailureStrategy.class);

    private final DeadLetterStore store;
    private final ObjectMapper json;
    private final Instance<ReplayHandler> handlers;
    private final int transientRetries;

    public ParkFailureStrategy(DeadLetterStore store, ObjectMapper json, @Any Instance<ReplayHandler> handlers,
            @ConfigProperty(name = "pharos.dead-letters.transient-retries", defaultValue = "12") int transientRetries) {
        this.store = store;
        this.json = json;
        this.handlers = handlers;
        this.transientRetries = transientRetries;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        String group = config.getGroupId().orElseGet(() -> String.valueOf(consumer.configuration().get("group.id")));
        return new Parking(config.getChannel(), group);
    }

    private final class Parking implements KafkaFailureHandler {

        private final String channel;
        private final String group;
        private volatile boolean terminated;

        Parking(String channel, String group) {
            this.channel = channel;
            this.group = group;
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            NewDeadLetter first = FailedRecords.of(json, channel, group, record, reason, Instant.now());
            Instance<ReplayHandler> handler = handlers.select(Identifier.Literal.of(channel));
            if (!TransientFailures.isTransient(reason) || !handler.isResolvable()) {
                return park(record, first);
            }
            // a concurrent update or a database restart is not poison: process the record again (as a
            // replay would) with backoff, and park it only if it still fails after that
            DeadLetterRecord again = new DeadLetterRecord(first.key(),
                    first.payload() == null ? null : new String(first.payload(), StandardCharsets.UTF_8), first.headers());
            return Uni.createFrom().deferred(() -> handler.get().replay(again))
                    .onFailure(TransientFailures::isTransient).retry()
                    .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).withJitter(0.5).atMost(transientRetries)
                    .invoke(() -> LOG.infof("%s: record %s-%d@%d processed on a later try after a transient failure: %s", channel,
                            first.topic(), first.partition(), first.offset(), first.reason()))
                    .onItemOrFailure().transformToUni((done, last) -> last == null
                            ? Uni.createFrom().completionStage(record.ack())
                            : park(record, FailedRecords.of(json, channel, group, record, last, Instant.now())));
        }

        private <K, V> Uni<Void> park(IncomingKafkaRecord<K, V> record, NewDeadLetter letter) {
            return Uni.createFrom().deferred(() -> store.park(letter))
                    .onFailure().invoke(e -> LOG.errorf("%s: cannot park the failed record %s-%d@%d (retrying, the channel waits): %s", channel,
                            letter.topic(), letter.partition(), letter.offset(), e.toString()))
                    // until stored, the record is not acknowledged: on shutdown it stays uncommitted and comes again
                    .onFailure(e -> !terminated).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(15)).atMost(Long.MAX_VALUE)
                    .invoke(id -> LOG.warnf("%s: record %s-%d@%d (tenant %s, %s) parked as dead letter %d: %s", channel, letter.topic(),
                            letter.partition(), letter.offset(), letter.tenant(), letter.eventType(), id, letter.reason()))
                    .flatMap(id -> Uni.createFrom().completionStage(record.ack()));
        }

        @Override
        public void terminate() {
            terminated = true;
        }
    }
}
