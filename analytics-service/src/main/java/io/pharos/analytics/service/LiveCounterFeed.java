package io.pharos.analytics.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pharos.analytics.api.LiveCounters;
import io.pharos.analytics.service.projection.Projections;
import io.pharos.commons.messaging.PgNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * Live counters as they change. Every committed projection notifies {@value Projections#LIVE_CHANNEL}
 * with its tenant, on every replica; a tenant somebody follows is counted again (one count at a
 * time, and one more if events came in meanwhile) and subscribers get the counts when they differ.
 */
@ApplicationScoped
public class LiveCounterFeed {

    private static final Logger LOG = Logger.getLogger(LiveCounterFeed.class);

    /** One followed tenant: its subscribers, the last counts sent and whether a count is running or owed. */
    private static final class Followed {
        final BroadcastProcessor<LiveCounters> changes = BroadcastProcessor.create();
        final AtomicInteger subscribers = new AtomicInteger();
        final AtomicReference<LiveCounters> last = new AtomicReference<>();
        final AtomicBoolean counting = new AtomicBoolean();
        final AtomicBoolean owed = new AtomicBoolean();
    }

    private final Map<String, Followed> tenants = new ConcurrentHashMap<>();
    private final LiveCounterService counters;
    private PgSubscriber subscriber;

    public LiveCounterFeed(LiveCounterService counters) {
        this.counters = counters;
    }

    void start(@Observes StartupEvent ignored, io.vertx.mutiny.core.Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        subscriber = PgNotifications.listenToPayloads(vertx, url, user, password, this::changed, Projections.LIVE_CHANNEL);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (subscriber != null) {
            subscriber.close().await().atMost(Duration.ofSeconds(5));
        }
    }

    /** The tenant's counts now, then every change. */
    public Multi<LiveCounters> follow(String tenant) {
        return Multi.createFrom().deferred(() -> {
            Followed f = tenants.computeIfAbsent(tenant, t -> new Followed());
            f.subscribers.incrementAndGet();
            // merged, not concatenated: the changes are followed while the first count runs
            return Multi.createBy().merging().streams(
                    counters.of(tenant).invoke(now -> f.last.compareAndSet(null, now)).toMulti(), f.changes)
                    .onTermination().invoke(() -> {
                        if (f.subscribers.decrementAndGet() == 0) {
                            tenants.remove(tenant, f);
                        }
                    });
        });
    }

    void changed(String tenant) {
        Followed f = tenants.get(tenant);
        if (f == null) {
            return; // nobody here follows this tenant
        }
        if (!f.counting.compareAndSet(false, true)) {
            f.owed.set(true);
            return;
        }
        f.owed.set(false);
        counters.of(tenant).subscribe().with(now -> {
            LiveCounters before = f.last.getAndSet(now);
            if (!now.sameCounts(before)) {
                f.changes.onNext(now);
            }
            done(tenant, f);
        }, e -> {
            LOG.warnf("live counters of %s not counted: %s", tenant, e.toString());
            done(tenant, f);
        });
    }

    private void done(String tenant, Followed f) {
        f.counting.set(false);
        if (f.owed.get()) {
            changed(tenant);
        }
    }
}
