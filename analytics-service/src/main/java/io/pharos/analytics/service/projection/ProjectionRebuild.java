package io.pharos.analytics.service.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.Topics;
import io.pharos.commons.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Rebuilds every projection from the topics, without downtime: the topics are replayed from the
 * beginning into fresh tables of schema {@value #SHADOW} while the live tables keep serving and
 * the live consumers keep applying; then the live consumers pause, the replay catches up to the
 * end of the topics, the fresh tables replace the live ones in one transaction, and the live
 * consumers resume (what they apply again is recognised by its event id). Reads never stop.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);

    static final String SHADOW = "analytics_rebuild";
    static final String REPLACED = "analytics_replaced";
    /** Everything the events make; targets and digests are the tenants' own and stay. */
    static final List<String> TABLES = List.of("processed_event", "ticket_fact", "message_fact", "status_fact", "survey_fact",
            "calendar_replica", "contribution", "rollup", "rollup_bin", "rollup_day", "rollup_day_bin", "customer_fact", "sla_fact", "agent_presence");
    static final List<String> TOPICS = List.of(Topics.TICKET_EVENTS, Topics.SURVEY_EVENTS);

    /** Where a rebuild stands. */
    public record Status(String state, long replayed, long skipped, Instant startedAt, Instant finishedAt, String error) {
        static Status idle() {
            return new Status("idle", 0, 0, null, null, null);
        }

        boolean running() {
            return "replaying".equals(state) || "swapping".equals(state);
        }
    }

    private final AtomicReference<Status> status = new AtomicReference<>(Status.idle());
    private final Projections projections;
    private final ProjectionGate gate;
    private final Pool pool;
    private final ObjectMapper json;
    private final Config config;

    public ProjectionRebuild(Projections projections, ProjectionGate gate, Pool pool, ObjectMapper json, Config config) {
        this.projections = projections;
        this.gate = gate;
        this.pool = pool;
        this.json = json;
        this.config = config;
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild in the background; refused while one runs. */
    public Status start() {
        Status now = status.get();
        Status started = new Status("replaying", 0, 0, Instant.now(), null, null);
        if (now.running() || !status.compareAndSet(now, started)) {
            throw ProblemException.conflict("rebuild-running", "A rebuild is already running.");
        }
        Thread.ofVirtual().name("projection-rebuild").start(this::run);
        return started;
    }

    private void run() {
        long[] counts = new long[2];
        try {
            sql("DROP SCHEMA IF EXISTS " + SHADOW + " CASCADE");
            sql("CREATE SCHEMA " + SHADOW);
            for (String t : TABLES) {
                sql("CREATE TABLE " + SHADOW + "." + t + " (LIKE public." + t + " INCLUDING ALL)");
            }
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                replay(consumer, consumer.endOffsets(partitions), counts);
                gate.close(Duration.ofMinutes(1));
                try {
                    status.set(new Status("swapping", counts[0], counts[1], status.get().startedAt(), null, null));
                    replay(consumer, consumer.endOffsets(partitions), counts);
                    swap();
                } finally {
                    gate.open();
                }
            }
            status.set(new Status("done", counts[0], counts[1], status.get().startedAt(), Instant.now(), null));
            LOG.infof("projections rebuilt from %d events (%d refused as before)", counts[0], counts[1]);
        } catch (Exception e) {
            LOG.errorf(e, "projection rebuild failed; the live projections are untouched");
            status.set(new Status("failed", counts[0], counts[1], status.get().startedAt(), Instant.now(), e.toString()));
            try {
                sql("DROP SCHEMA IF EXISTS " + SHADOW + " CASCADE");
            } catch (Exception cleanup) {
                LOG.warnf("could not drop %s: %s", SHADOW, cleanup.toString());
            }
        }
    }

    private void replay(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, long[] counts) {
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            List<Projections.Incoming> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                try {
                    batch.add(new Projections.Incoming(r.topic(), IncomingEvent.parse(json, r.value())));
                } catch (Exception unreadable) {
                    counts[1]++; // the live consumer sent it to the dead-letter topic
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                projections.applyAll(batch, SHADOW).await().atMost(Duration.ofMinutes(2));
                counts[0] += batch.size();
            } catch (Exception somethingRefused) {
                for (Projections.Incoming e : batch) { // one by one: the refused ones as the live consumer refused them
                    try {
                        projections.apply(e.topic(), e.event(), SHADOW).await().atMost(Duration.ofSeconds(60));
                        counts[0]++;
                    } catch (Exception poison) {
                        counts[1]++;
                    }
                }
            }
            Status s = status.get();
            status.set(new Status(s.state(), counts[0], counts[1], s.startedAt(), null, null));
        }
    }

    /** The fresh tables (and their indexes, under the old names) replace the live ones in one transaction. */
    private void swap() {
        pool.withTransaction(c -> {
            Uni<Void> chain = c.query("CREATE SCHEMA " + REPLACED).execute().replaceWithVoid();
            for (String t : TABLES) {
                chain = chain.flatMap(v -> c.query("ALTER TABLE public." + t + " SET SCHEMA " + REPLACED).execute().replaceWithVoid());
            }
            for (String t : TABLES) {
                chain = chain.flatMap(v -> c.query("ALTER TABLE " + SHADOW + "." + t + " SET SCHEMA public").execute().replaceWithVoid());
            }
            return chain.flatMap(v -> c.query("SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname IN ('public', '"
                    + REPLACED + "')").execute()).flatMap(rows -> {
                        Map<String, String> oldNames = new HashMap<>();
                        List<String[]> fresh = new ArrayList<>();
                        for (Row r : rows) {
                            String key = r.getString("tablename") + "|" + shape(r.getString("indexdef"));
                            if (REPLACED.equals(r.getString("schemaname"))) {
                                oldNames.put(key, r.getString("indexname"));
                            } else if (TABLES.contains(r.getString("tablename"))) {
                                fresh.add(new String[] { key, r.getString("indexname") });
                            }
                        }
                        Uni<Void> renames = c.query("DROP SCHEMA " + REPLACED + " CASCADE").execute().replaceWithVoid();
                        for (String[] f : fresh) {
                            String old = oldNames.get(f[0]);
                            if (old != null && !old.equals(f[1])) { // the names migrations know
                                renames = renames.flatMap(v -> c.query("ALTER INDEX public." + f[1] + " RENAME TO " + old).execute().replaceWithVoid());
                            }
                        }
                        return renames;
                    }).flatMap(v -> c.query("DROP SCHEMA " + SHADOW).execute().replaceWithVoid());
        }).await().atMost(Duration.ofMinutes(2));
    }

    /** An index definition without its name and schema: what it indexes, how. */
    static String shape(String indexdef) {
        return indexdef.replaceFirst("INDEX \\S+ ON \\S+\\.", "INDEX ON ");
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofMinutes(1));
    }

    /** A consumer with the live consumers' connection settings (SASL and TLS in production), outside any group. */
    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).ifPresent(v -> props.put(name.substring(6), v));
            }
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
