package io.pharos.commons.deadletter.ops;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pharos.commons.deadletter.kafka.ParkFailureStrategy;
import io.pharos.commons.deadletter.store.DeadLetterStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * How many dead letters wait for an operator, per channel: the gauge {@code pharos_dead_letters_parked{channel}}
 * and the wellness check read it. Counted from the table on a schedule and after every change, so a
 * scrape never touches the database.
 */
@ApplicationScoped
public class ParkedDeadLetters {

    private final DeadLetterStore store;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> parked = new ConcurrentHashMap<>();

    public ParkedDeadLetters(DeadLetterStore store, MeterRegistry registry, Config config) {
        this.store = store;
        this.registry = registry;
        // every parking channel shows 0 from the start, so an alert can tell "none" from "not measured"
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".failure-strategy")) {
                Optional<String> strategy = config.getOptionalValue(name, String.class);
                if (strategy.filter(ParkFailureStrategy.NAME::equals).isPresent()) {
                    gauge(name.substring("mp.messaging.incoming.".length(), name.length() - ".failure-strategy".length()));
                }
            }
        }
    }

    @Scheduled(every = "${pharos.dead-letters.count-interval:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().onFailure().recoverWithNull();
    }

    /** Recounts from the table. */
    public Uni<Void> refresh() {
        return store.parkedByChannel().invoke(counts -> {
            parked.forEach((channel, n) -> n.set(counts.getOrDefault(channel, 0L)));
            counts.forEach((channel, n) -> gauge(channel).set(n));
        }).replaceWithVoid();
    }

    /** Parked dead letters per channel, as last counted. */
    public Map<String, Long> byChannel() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        parked.forEach((channel, n) -> counts.put(channel, n.get()));
        return counts;
    }

    public long total() {
        return parked.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private AtomicLong gauge(String channel) {
        return parked.computeIfAbsent(channel, c -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder("pharos.dead.letters.parked", n, AtomicLong::get).tag("channel", c)
                    .description("Dead letters of this service waiting for an operator (replay or discard)").strongReference(true)
                    .register(registry);
            return n;
        });
    }
}
