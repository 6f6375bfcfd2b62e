package io.pharos.analytics.service.projection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Where live events pass on their way to the projections. Closed while a rebuild swaps the
 * projection tables: events wait at it, none is lost or applied to the old tables.
 */
@ApplicationScoped
public class ProjectionGate {

    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Runs {@code work} once the gate is open, counted as in flight until it ends. */
    public <T> Uni<T> pass(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().completionStage(() -> gate).flatMap(open -> {
            inFlight.incrementAndGet();
            return Uni.createFrom().<T> deferred(work).onTermination().invoke(inFlight::decrementAndGet);
        });
    }

    /**
     * Stops applying events (those on their way finish first); returns once nothing is being
     * applied. Blocking: for a worker or virtual thread.
     */
    public void close(Duration timeout) throws InterruptedException {
        gate = new CompletableFuture<>();
        // a real pause, not a condition: an event that saw the gate open just before it closed has no trace yet, 50 ms later it is counted
        Thread.sleep(50);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                open();
                throw new IllegalStateException("events still being applied after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Applies events again, beginning with those that waited. */
    public void open() {
        gate.complete(null);
    }
}
