package io.pharos.commons.rest;

import java.util.Optional;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;

/**
 * Database refusals that the client caused, as the problem REST and GraphQL both answer: a unique
 * value already held ({@code 23505}, 409) and a value PostgreSQL cannot store (SQLSTATE class 22:
 * NUL in text, a timestamp or number out of its range, 400). Nothing was written in either case.
 */
public final class DatabaseRefusals {

    private DatabaseRefusals() {
    }

    public static Optional<ProblemException> of(Throwable failure) {
        if (UniqueViolations.is(failure)) {
            return Optional.of(ProblemException.conflict("duplicate",
                    "Another object already holds one of these unique values (an externalId, say)."));
        }
        if (dataException(failure)) {
            return Optional.of(ProblemException.badRequest("invalid-value", "A value of the request cannot be stored."));
        }
        return Optional.empty();
    }

    /** {@code failure} as the client-caused problem it is, or unchanged. */
    public static Throwable translate(Throwable failure) {
        return failure instanceof ProblemException ? failure : of(failure).<Throwable>map(p -> p).orElse(failure);
    }

    static boolean dataException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof JDBCException jdbc ? jdbc.getSQLState() : null;
            if (state != null && state.startsWith("22")) {
                return true;
            }
        }
        return false;
    }
}
