package io.pharos.commons.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Liveness that notices a wedged Vert.x event loop: a thread of its own hands a no-op to every event
 * loop a few times per timeout, and the check reports DOWN while any loop has left one unrun for
 * longer than {@code pharos.health.event-loop-timeout}. A process whose event loop is stuck (an
 * endless loop, a blocking call in reactive code) answers part of its requests never, yet its
 * threads stay alive: only a restart helps, and this is what tells Kubernetes to restart it.
 * <p>
 * The check itself only reads timestamps, so it never waits: a probe request that happens to land
 * on the stuck loop hangs and times out, which the kubelet counts as a failure too.
 */
@Liveness
@ApplicationScoped
public class EventLoopLiveness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EventLoopLiveness.class);
    private static final long IDLE = -1;

    private final Vertx vertx;
    private final Duration timeout;
    private final List<Loop> loops = new ArrayList<>();
    private ScheduledExecutorService ticker;

    /** One event loop and the time its outstanding no-op was handed over ({@link #IDLE} when none is). */
    private record Loop(int index, EventExecutor executor, AtomicLong pendingSince) {
    }

    public EventLoopLiveness(Vertx vertx, @ConfigProperty(name = "pharos.health.event-loop-timeout", defaultValue = "5s") Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
    }

    void start(@Observes StartupEvent started) {
        int index = 0;
        for (EventExecutor executor : ((VertxInternal) vertx).getEventLoopGroup()) {
            loops.add(new Loop(index++, executor, new AtomicLong(IDLE)));
        }
        // a platform thread of its own: neither an event loop nor a worker that a stuck loop could hold up
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pharos-event-loop-watch");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, timeout.toMillis() / 5);
        ticker.scheduleWithFixedDelay(this::ping, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Hands a no-op to every loop that has run the previous one; a stuck loop keeps its first stamp. */
    private void ping() {
        for (Loop loop : loops) {
            try {
                if (loop.pendingSince().compareAndSet(IDLE, System.nanoTime())) {
                    loop.executor().execute(() -> loop.pendingSince().set(IDLE));
                }
            } catch (RuntimeException e) { // a loop shutting down refuses tasks; the next tick tries again
                loop.pendingSince().set(IDLE);
                LOG.debugf(e, "event loop %d refused the liveness no-op", loop.index());
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-loops").up()
                .withData("loops", loops.size()).withData("timeout-ms", timeout.toMillis());
        long now = System.nanoTime();
        for (Loop loop : loops) {
            long since = loop.pendingSince().get();
            long waitedMs = since == IDLE ? 0 : TimeUnit.NANOSECONDS.toMillis(now - since);
            if (waitedMs > timeout.toMillis()) {
                response.down().withData("event-loop-" + loop.index(), "no task run for " + waitedMs + " ms");
            }
        }
        return response.build();
    }
}
