package io.pharos.commons.graphql;

import java.util.List;
import java.util.Map;

import graphql.execution.AbortExecutionException;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorClassification;

/**
 * A document refused by {@link QueryShape} before anything of it ran. It travels as graphql-java's
 * abort (the engine answers it as the response's only error) carrying a validation error, the one
 * kind of engine error whose {@code extensions} SmallRye GraphQL writes out, so clients read the
 * stable {@code extensions.code}.
 */
public final class QueryLimitViolation extends AbortExecutionException {

    /** The stable {@code extensions.code} values of refused documents. */
    public enum Code implements ValidationErrorClassification {
        QUERY_TOO_DEEP, TOO_MANY_ALIASES, TOO_MANY_ROOT_FIELDS, QUERY_TOO_COSTLY, PAGE_TOO_LARGE, INTROSPECTION_DISABLED
    }

    private final Code code;

    public QueryLimitViolation(Code code, String message, SourceLocation location) {
        super(List.of(ValidationError.newValidationError().validationErrorType(code).description(message)
                .sourceLocations(location == null ? List.of() : List.of(location))
                .extensions(Map.of("code", code.name())).build()));
        this.code = code;
    }

    public Code code() {
        return code;
    }

    @Override
    public String getMessage() {
        return getUnderlyingErrors().get(0).getMessage();
    }
}
