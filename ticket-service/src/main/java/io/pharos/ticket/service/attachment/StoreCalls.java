package io.pharos.ticket.service.attachment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The S3 client completes on its own Netty threads; Hibernate Reactive only runs on the Vert.x
 * context of the request or message. What follows a store call continues there again.
 */
final class StoreCalls {

    private StoreCalls() {
    }

    static <T> Uni<T> onCallersContext(Uni<T> storeCall) {
        Context context = Vertx.currentContext();
        return context == null ? storeCall : storeCall.emitOn(next -> context.runOnContext(ignored -> next.run()));
    }
}
