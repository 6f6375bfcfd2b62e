package io.pharos.attachments;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The store and the scanner complete on threads of their own (the S3 client's Netty loop, a worker
 * for clamd's socket); a caller on a Vert.x context (a request, a Kafka consumer, a Hibernate
 * Reactive session) must continue there, so outcomes are emitted on the context that subscribed.
 */
final class CallerContext {

    private CallerContext() {
    }

    static <T> Uni<T> resumeOn(Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            return caller == null ? call : call.emitOn(task -> caller.runOnContext(v -> task.run()));
        });
    }
}
