package io.pharos.commons.messaging;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/** A dedicated LISTEN connection that calls back on notifications and reconnects by itself. */
public final class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    private PgNotifications() {
    }

    public static PgSubscriber listen(Vertx vertx, String url, String user, String password, Runnable onNotification,
            String... channels) {
        PgSubscriber subscriber = subscriber(vertx, url, user, password);
        for (String channel : channels) {
            subscriber.channel(channel).handler(payload -> onNotification.run());
        }
        subscriber.connect().subscribe().with(ok -> onNotification.run(),
                e -> LOG.warnf("notifications on %s unavailable (%s); relying on polling", String.join(",", channels), e.getMessage()));
        return subscriber;
    }

    /** Like {@link #listen}, for notifications whose payload is the message (at most 8000 bytes, PostgreSQL's limit). */
    public static PgSubscriber listenToPayloads(Vertx vertx, String url, String user, String password, Consumer<String> onPayload,
            String channel) {
        PgSubscriber subscriber = subscriber(vertx, url, user, password);
        subscriber.channel(channel).handler(onPayload);
        subscriber.connect().subscribe().with(ok -> {
        }, e -> LOG.warnf("notifications on %s unavailable (%s)", channel, e.getMessage()));
        return subscriber;
    }

    private static PgSubscriber subscriber(Vertx vertx, String url, String user, String password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
        return PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
    }
}
