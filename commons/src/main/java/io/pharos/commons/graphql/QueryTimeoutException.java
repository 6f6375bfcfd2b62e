package io.pharos.commons.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** A field asked for after the request's time ({@code pharos.graphql.timeout}) ran out: it is not resolved. */
@ErrorCode("QUERY_TIMEOUT")
public class QueryTimeoutException extends RuntimeException {

    public QueryTimeoutException(long millis) {
        super("The query ran longer than " + millis + " ms; what was not resolved by then is left out", null, false, false);
    }
}
