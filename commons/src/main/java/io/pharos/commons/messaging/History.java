package io.pharos.commons.messaging;

import java.util.function.Supplier;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Marks the work of an import of history, so that every event it writes carries the CloudEvents
 * extension {@code historical: true} (see {@link Envelopes}). The mark lives on the Vert.x
 * duplicated context of the import line: whatever the line's transaction appends to the outbox,
 * through however many services and repositories, is marked without passing a flag around.
 */
public final class History {

    private static final String KEY = "pharos.historical";

    private History() {
    }

    /** Runs {@code work} with its events marked historical; call it on the duplicated context that runs the work. */
    public static <T> Uni<T> of(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !VertxContext.isDuplicatedContext(context)) {
                return Uni.createFrom().failure(new IllegalStateException("an import of history must run on a duplicated Vert.x context"));
            }
            ContextLocals.put(KEY, Boolean.TRUE);
            return work.get().onTermination().invoke(() -> ContextLocals.remove(KEY));
        });
    }

    /** Whether the current work is an import of history. */
    public static boolean isHistorical() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) && Boolean.TRUE.equals(ContextLocals.<Boolean> get(KEY).orElse(null));
    }
}
