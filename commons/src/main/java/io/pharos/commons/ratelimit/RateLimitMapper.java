package io.pharos.commons.ratelimit;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.pharos.commons.rest.Problem;

/** 429 problem+json with the headers that tell the client when to come back. */
public class RateLimitMapper {

    @ServerExceptionMapper
    public Response tooMany(RateLimitExceeded e, UriInfo uri) {
        Response.ResponseBuilder r = Response.status(429).type(Problem.MEDIA_TYPE).entity(e.toProblem(uri.getPath()));
        if (e.decision() != null) {
            RateLimitHeaders.write(e.decision(), r::header);
        }
        return r.build();
    }
}
