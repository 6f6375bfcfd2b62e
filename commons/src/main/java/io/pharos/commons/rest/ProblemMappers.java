package io.pharos.commons.rest;

import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.pharos.commons.retry.TransientFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure that reaches a REST edge into RFC 9457 {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        return respond(Violations.problem(e.getConstraintViolations(), "Invalid request").toProblem(uri.getPath()));
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class })
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            String message = e.getOriginalMessage();
            return respond(new Problem(Problem.type("validation"), "Invalid request", 400,
                    field + ": " + message, uri.getPath(), List.of(new Problem.FieldError(field, message))));
        }
        return respond(new Problem(Problem.type("malformed-json"), "Malformed JSON", 400,
                e.getOriginalMessage(), uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403,
                "The caller's roles do not allow this operation.", uri.getPath(), null));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                        "A valid bearer token of realm pharos is required.", uri.getPath(), null))
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 when a path or query parameter does not convert (limit=abc, a bad UUID): the
            // resource exists, the request is malformed
            return respond(new Problem(Problem.type("invalid-parameter"), "Bad request", 400,
                    "A path or query parameter has an invalid value: " + e.getCause().getMessage(), uri.getPath(), null));
        }
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new Problem(Problem.type("http-" + status), title, status, e.getMessage(), uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        TransientFailures.Kind transientKind = TransientFailures.of(e);
        if (transientKind == TransientFailures.Kind.CONFLICT) {
            LOG.debugf(e, "Concurrent update on %s", uri.getPath());
            return respond(new Problem(Problem.type("concurrent-update"), "Concurrent update", 409,
                    "Another change to the same resource was committed first; send the request again.", uri.getPath(), null));
        }
        if (transientKind == TransientFailures.Kind.UNAVAILABLE) {
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(new Problem(Problem.type("unavailable"), "Service unavailable", 503,
                            "A store this service needs is briefly unreachable; send the request again.", uri.getPath(), null))
                    .build();
        }
        if (UniqueViolations.is(e)) {
            LOG.debugf(e, "Unique violation on %s", uri.getPath());
            return respond(new Problem(Problem.type("duplicate"), "Conflict", 409,
                    "Another object already holds one of these unique values (an externalId, say).", uri.getPath(), null));
        }
        if (DatabaseRefusals.dataException(e)) {
            // SQLSTATE class 22: a value the database cannot hold (NUL in text, a timestamp out of its range) that got past
            // validation; the client sent it, so it is the client's error, and nothing was written
            LOG.warnf("Data exception on %s: %s", uri.getPath(), e.getMessage());
            return respond(new Problem(Problem.type("invalid-value"), "Bad request", 400,
                    "A value of the request cannot be stored.", uri.getPath(), null));
        }
        LOG.errorf(e, "Unhandled error on %s", uri.getPath());
        return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                "The request failed unexpectedly; it has been logged.", uri.getPath(), null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
