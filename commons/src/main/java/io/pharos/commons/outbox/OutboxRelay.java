package io.pharos.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

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
 * <p>
 * It never blocks: a row that cannot be published is tried {@code pharos.outbox.max-attempts}
 * times with backoff (a permanent error such as a record the broker refuses: once) and then
 * parked in {@code outbox_parked} ({@link OutboxParking}). Later rows of the same aggregate wait
 * behind it, so its order is kept; all other aggregates and tenants keep flowing.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 500;
    /** Lanes worked at the same time, each on its own connection. */
    private static final int LANES_AT_ONCE = 4;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The lane's next batch in id order, without the rows that must wait: those of an aggregate
     * with a parked row, and those behind an earlier row of their aggregate that is in backoff.
     */
    private static final String READY = "SELECT e.id, e.tenant, e.topic, e.message_key, e.payload, e.attempts FROM outbox_event e"
            + " WHERE e.lane = $1"
            + " AND NOT EXISTS (SELECT 1 FROM outbox_parked p WHERE p.status = 'parked' AND p.tenant = e.tenant"
            + " AND p.message_key = e.message_key)"
            + " AND NOT EXISTS (SELECT 1 FROM outbox_event w WHERE w.next_try IS NOT NULL AND w.next_try > now() AND w.lane = e.lane"
            + " AND w.tenant = e.tenant AND w.message_key = e.message_key AND w.id <= e.id)"
            + " ORDER BY e.id LIMIT " + BATCH;

    /**
     * The lanes that hold any row, in one statement of index probes: a pass works only those, so a
     * wake-up after one event costs one lane's transaction instead of one per lane.
     */
    private static final String BUSY_LANES = "SELECT l FROM generate_series(0, " + (OutboxWriter.LANES - 1) + ") l"
            + " WHERE EXISTS (SELECT 1 FROM outbox_event e WHERE e.lane = l)";

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final OutboxParking parking;
    private final int maxAttempts;
    private final boolean enabled;
    private final SingleFlight relay = new SingleFlight("outbox relay", this::drain);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private PgSubscriber subscriber;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> kafka, OutboxParking parking,
            @ConfigProperty(name = "pharos.outbox.max-attempts", defaultValue = "5") int maxAttempts,
            @ConfigProperty(name = "pharos.outbox.relay.enabled", defaultValue = "true") boolean enabled) {
        this.pool = pool;
        this.kafka = kafka;
        this.parking = parking;
        this.maxAttempts = Math.max(1, maxAttempts);
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

    /**
     * One pass over the lanes that hold rows, a few at a time (a lane slow to fail holds up no other);
     * answers whether anything was published.
     */
    private Uni<Boolean> drain() {
        return pool.query(BUSY_LANES).execute().flatMap(rows -> {
            List<Integer> busy = new ArrayList<>();
            rows.forEach(r -> busy.add(r.getInteger(0)));
            if (busy.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            return Multi.createFrom().iterable(busy)
                    .onItem().transformToUni(this::drainLane).merge(LANES_AT_ONCE)
                    .collect().asList()
                    .map(published -> published.stream().anyMatch(n -> n > 0));
        });
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

    /** A row on its way: what is sent, and what decides its fate when it fails. */
    private record Pending(long id, String tenant, String topic, String key, String payload, int attempts) {
        String aggregate() {
            return tenant + '\u0000' + key;
        }
    }

    private Uni<Integer> publish(SqlConnection conn, int lane) {
        return conn.preparedQuery(READY).execute(Tuple.of(lane))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Pending> batch = new ArrayList<>();
                    List<Uni<Throwable>> outcomes = new ArrayList<>();
                    for (Row row : rows) {
                        Pending p = new Pending(row.getLong("id"), row.getString("tenant"), row.getString("topic"),
                                row.getString("message_key"), row.getString("payload"), row.getInteger("attempts"));
                        batch.add(p);
                        // the whole batch is in flight at once (throughput); each row's own outcome is kept, so one bad row
                        // neither holds back nor re-sends the good ones
                        outcomes.add(send(p.topic(), p.key(), p.payload()).ifNoItem().after(SEND_TIMEOUT).fail()
                                .onItemOrFailure().transform((ok, failure) -> failure));
                    }
                    return Uni.join().all(outcomes).andFailFast().flatMap(failures -> settle(conn, batch, failures));
                });
    }

    /**
     * Deletes what went out; counts a try against each row that failed, and parks it when the error
     * is permanent or the tries are used up. When every row of the pass failed with a transient
     * error the broker is away, not the rows at fault: nothing is counted and the pass is retried.
     */
    private Uni<Integer> settle(SqlConnection conn, List<Pending> batch, List<Throwable> failures) {
        List<Long> sent = new ArrayList<>();
        List<Uni<Void>> failed = new ArrayList<>();
        Set<String> held = new HashSet<>();
        boolean brokerUp = failures.stream().anyMatch(Objects::isNull);
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            Throwable failure = failures.get(i);
            if (failure == null) {
                // sent after an earlier row of its aggregate failed: kept, so it goes out again after that one (order over once)
                if (!held.contains(p.aggregate())) {
                    sent.add(p.id());
                }
                continue;
            }
            held.add(p.aggregate());
            if (permanent(failure) || (brokerUp && p.attempts() + 1 >= maxAttempts)) {
                failed.add(parking.park(conn, p.id(), failure));
            } else if (brokerUp) {
                long backoff = Math.min(60, 1L << Math.min(p.attempts() + 1, 6));
                LOG.warnf("outbox row %d failed (attempt %d of %d, next in %ds): %s", p.id(), p.attempts() + 1, maxAttempts, backoff,
                        OutboxParking.describe(failure));
                failed.add(conn.preparedQuery("UPDATE outbox_event SET attempts = attempts + 1, last_error = $2,"
                        + " first_try = coalesce(first_try, now()), next_try = now() + make_interval(secs => $3) WHERE id = $1")
                        .execute(Tuple.of(p.id(), OutboxParking.describe(failure), (double) backoff)).replaceWithVoid());
            }
        }
        if (!brokerUp && failures.stream().anyMatch(f -> !permanent(f))) {
            LOG.warnf("outbox lane: all %d events failed (%s); the broker seems away, retrying without counting", batch.size(),
                    OutboxParking.describe(failures.get(0)));
        }
        Uni<Void> deleted = sent.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("DELETE FROM outbox_event WHERE id = ANY($1)").execute(Tuple.of(sent.toArray(Long[]::new)))
                        .replaceWithVoid();
        return deleted.flatMap(v -> failed.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(failed).onItem().transformToUniAndConcatenate(u -> u).collect().last().replaceWithVoid())
                .map(v -> sent.size());
    }

    /** Errors no retry can cure: the record itself is refused. */
    static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException || t instanceof InvalidTopicException
                    || t instanceof SerializationException || t instanceof TopicAuthorizationException) {
                return true;
            }
        }
        return false;
    }

    private Uni<Void> send(String topic, String key, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        return kafka.sendMessage(Message.of(payload).addMetadata(metadata));
    }
}
