package io.pharos.commons.retry;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.pgclient.PgException;

/**
 * Failures that say "not now" rather than "never": another writer changed the same row first, or
 * the database is briefly unreachable (restart, failover). A client or consumer that tries again
 * succeeds; they are answered 409/503, never 500, and never parked as poison.
 */
public final class TransientFailures {

    public enum Kind {
        /** Another transaction updated the same row meanwhile (optimistic lock, serialization, deadlock). */
        CONFLICT,
        /** The database cannot be reached right now. */
        UNAVAILABLE
    }

    private TransientFailures() {
    }

    /** The transient kind of {@code failure} or of any of its causes; {@code null} when it is not transient. */
    public static Kind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return Kind.CONFLICT;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().equals("40001") || pg.getSqlState().equals("40P01"))) {
                return Kind.CONFLICT;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return Kind.UNAVAILABLE;
            }
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return Kind.UNAVAILABLE;
            }
            // the database went away mid-statement (a crash, an immediate shutdown): "Connection reset"
            if (t instanceof SocketException || t instanceof ClosedChannelException
                    || t.getClass().getName().equals("io.netty.channel.unix.Errors$NativeIoException")) {
                return Kind.UNAVAILABLE;
            }
        }
        return null;
    }

    public static boolean isTransient(Throwable failure) {
        return of(failure) != null;
    }
}
