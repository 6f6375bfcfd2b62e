package io.pharos.commons.messaging;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Runs a background pass at most once at a time: wake-ups (notifications, polls) that arrive while
 * a pass runs are folded into one more pass afterwards, so none is lost and none piles up.
 */
public final class SingleFlight {

    private static final Logger LOG = Logger.getLogger(SingleFlight.class);

    private final String name;
    private final Supplier<Uni<Boolean>> pass;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** {@code pass} answers true when there is more work right away. */
    public SingleFlight(String name, Supplier<Uni<Boolean>> pass) {
        this.name = name;
        this.pass = pass;
    }

    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            pass.get().subscribe().with(more -> {
                running.set(false);
                if (more || again.get()) {
                    wake();
                }
            }, failure -> {
                running.set(false);
                LOG.warnf("%s: %s; retrying on the next poll", name, failure.getMessage());
            });
        }
    }
}
