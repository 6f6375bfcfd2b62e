package io.pharos.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.pharos.commons.messaging.PgNotifications;
import io.pharos.commons.messaging.SingleFlight;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox to Kafka, at least once and in order per aggregate. The outbox is split
 * into lanes (aggregate id hash); a replica works a lane only while it holds that lane's row lock
 * ({@code FOR UPDATE SKIP LOCKED}), so several replicas share the work without reordering an
 * aggregate's events. It wakes on the {@code pharos_outbox} notification written by the insert
 * trigger, and polls as a safety net.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 500;

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final boolean enabled;
    private final SingleFlight relay = new SingleFlight("outbox relay", this::drain);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private PgSubscriber subscriber;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> kafka,
            @ConfigProperty(name = "pharos.outbox.relay.enabled", defaultValue = "true") boolean enabled) {
        this.pool = pool;
        this.kafka = kafka;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent ignored, io.vertx.mutiny.core.Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        if (!enabled) {
            return;
        }
        started.set(true);
        subscriber = PgNotifications.listen(vertx, url, user, password, this::wake, "pharos_outbox");
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (subscriber != null) {
            subscriber.close().await().indefinitely();
        }
    }

    @Scheduled(every = "${pharos.outbox.poll-interval:1s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Stops publishing (events keep accumulating in the outbox); for maintenance and tests. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
        wake();
    }

    void wake() {
        if (!enabled || !started.get() || paused.get()) {
            return;
        }
        relay.wake();
    }

    /** One pass over all lanes; answers whether anything was published (then there may be more). */
    private Uni<Boolean> drain() {
        return Multi.createFrom().items(IntStream.range(0, OutboxWriter.LANES).boxed())
                .onItem().transformToUniAndConcatenate(this::drainLane)
                .collect().asList()
                .map(published -> published.stream().anyMatch(n -> n > 0));
    }

    /** Publishes one batch of one lane, if no other replica holds it; answers how many. */
    Uni<Integer> drainLane(int lane) {
        if (paused.get()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT lane FROM outbox_lane WHERE lane = $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(lane))
                .flatMap(locked -> locked.size() == 0 ? Uni.createFrom().item(0) : publish(conn, lane)));
    }

    private Uni<Integer> publish(SqlConnection conn, int lane) {
        return conn.preparedQuery("SELECT id, topic, message_key, payload FROM outbox_event WHERE lane = $1 ORDER BY id LIMIT " + BATCH)
                .execute(Tuple.of(lane))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> acks = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        acks.add(send(row.getString("topic"), row.getString("message_key"), row.getString("payload")));
                    }
                    return Uni.join().all(acks).andFailFast()
                            .ifNoItem().after(Duration.ofSeconds(30)).fail()
                            .flatMap(sent -> conn.preparedQuery("DELETE FROM outbox_event WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .map(deleted -> ids.size());
                });
    }

    private Uni<Void> send(String topic, String key, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        return kafka.sendMessage(Message.of(payload).addMetadata(metadata));
    }
}
