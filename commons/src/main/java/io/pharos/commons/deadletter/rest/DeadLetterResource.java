package io.pharos.commons.deadletter.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.pharos.commons.deadletter.DeadLetter;
import io.pharos.commons.deadletter.DeadLetterStatus;
import io.pharos.commons.deadletter.DeadLetterSummary;
import io.pharos.commons.deadletter.service.DeadLetters;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * This service's dead letters, for the platform administrator only (realm role {@code platform-admin},
 * e.g. the {@code pharos-operator} service account): across tenants, so no tenant is read from the token.
 */
@Path("/api/v1/admin/dead-letters")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Kafka records this service could not process: inspect, replay, discard")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final SecurityIdentity identity;

    public DeadLetterResource(DeadLetters deadLetters, SecurityIdentity identity) {
        this.deadLetters = deadLetters;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List dead letters, newest first", description = "Filters: channel, status (parked, replayed, discarded), tenant. "
            + "Cursor pagination: follow `next` (also in the Link header) until it is null.")
    public Uni<RestResponse<DeadLetterPage>> list(@QueryParam("channel") String channel, @QueryParam("status") String status,
            @QueryParam("tenant") String tenant, @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") String cursor, UriInfo uri) {
        return deadLetters.list(channel, status(status), tenant, decode(cursor), limit + 1).map(found -> {
            List<DeadLetterSummary> items = found.size() > limit ? found.subList(0, limit) : found;
            String next = found.size() > limit
                    ? uri.getRequestUriBuilder().replaceQueryParam("cursor", encode(items.get(items.size() - 1).id())).build().toString()
                    : null;
            RestResponse.ResponseBuilder<DeadLetterPage> response = RestResponse.ResponseBuilder.ok(new DeadLetterPage(items, next));
            if (next != null) {
                response.header("Link", "<" + next + ">; rel=\"next\"");
            }
            return response.build();
        });
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One dead letter with its original record (key, headers, payload) and history")
    public Uni<DeadLetter> get(@PathParam("id") long id) {
        return deadLetters.get(id);
    }

    @POST
    @Path("{id}/replay")
    @Operation(summary = "Replay one parked dead letter", description = "Runs it through the channel's consumer again: `replayed` on success, "
            + "else it stays `parked` with one more attempt and the new reason.")
    public Uni<DeadLetters.Outcome> replay(@PathParam("id") long id) {
        return deadLetters.replay(id, who());
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay parked dead letters of a range, oldest first", description = "Any of channel, tenant, fromId, toId; "
            + "at most " + DeadLetters.RANGE_LIMIT + " per request (`more` says whether others are left).")
    public Uni<DeadLetters.RangeOutcome> replayRange(@Valid ReplayRangeRequest range) {
        ReplayRangeRequest r = range != null ? range : new ReplayRangeRequest(null, null, null, null);
        return deadLetters.replay(r.channel(), r.tenant(), r.fromId(), r.toId(), who());
    }

    @POST
    @Path("{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Discard a parked dead letter, with a reason")
    public Uni<DeadLetter> discard(@PathParam("id") long id, @NotNull @Valid DiscardRequest request) {
        return deadLetters.discard(id, who(), request.reason().strip());
    }

    private String who() {
        return identity.getPrincipal().getName();
    }

    private static DeadLetterStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeadLetterStatus.ofColumn(status.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-status", "status is one of parked, replayed, discarded");
        }
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("dl:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("dl:")) {
                throw new IllegalArgumentException(raw);
            }
            return Long.parseLong(raw.substring(3));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid-cursor", "The cursor is not one this API returned.");
        }
    }
}
