package io.pharos.commons.graphql;

import java.util.function.Supplier;

import io.pharos.commons.rest.DatabaseRefusals;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * graphql-java resolves fields in parallel on one Vert.x context, and a Hibernate Reactive session
 * bound to that context must never serve two of them at once (quarkusio/quarkus#32870: a query
 * with two top-level fields fails with "System error"). Each resolver therefore runs its data
 * access on a fresh duplicated context, where it opens and closes a session of its own. A value the
 * database refuses (a NUL, a unique value already held) comes back as the typed problem REST answers.
 */
public final class Isolated {

    private Isolated() {
    }

    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context current = Vertx.currentContext();
            Context fresh = current != null ? VertxContext.createNewDuplicatedContext(current)
                    : VertxContext.createNewDuplicatedContext();
            VertxContextSafetyToggle.setContextSafe(fresh, true);
            fresh.runOnContext(ignored -> {
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) { // thrown before any Uni exists (a bad ID, say): the caller must still hear of it
                    emitter.fail(DatabaseRefusals.translate(e));
                    return;
                }
                uni.subscribe().with(emitter::complete, failure -> emitter.fail(DatabaseRefusals.translate(failure)));
            });
        });
    }
}
