package io.pharos.commons.messaging;

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
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        for (String channel : channels) {
            subscriber.channel(channel).handler(payload -> onNotification.run());
        }
        subscriber.connect().subscribe().with(ok -> onNotification.run(),
                e -> LOG.warnf("notifications on %s unavailable (%s); relying on polling", String.join(",", channels), e.getMessage()));
        return subscriber;
    }
}
