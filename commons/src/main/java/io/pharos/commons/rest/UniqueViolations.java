package io.pharos.commons.rest;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;

/**
 * A unique constraint that refused a row ({@code 23505}): two requests created the same thing at
 * once (the same new customer, a tenant's defaults), or a client reused a unique value. A creator
 * that can tell the two apart retries its transaction once the other has committed; what is left
 * is answered {@code 409}, never 500.
 */
public final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** Whether {@code failure}, or any of its causes, is a unique violation. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof JDBCException jdbc && UNIQUE_VIOLATION.equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
