package io.pharos.ticket.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pharos.commons.paging.Cursor;
import io.pharos.commons.json.LowerCaseEnums;
import io.pharos.commons.rest.Problem;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.ticket.api.HistoryEntryDto;
import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.service.MessageHtml;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.api.TicketFilter;
import io.pharos.ticket.api.TicketPatch;
import io.pharos.ticket.api.Timestamps;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.service.IdempotencyService;
import io.pharos.ticket.service.UniqueRaces;
import io.pharos.ticket.service.ticket.Conversation;
import io.pharos.ticket.service.ticket.TicketChanges;
import io.pharos.ticket.service.ticket.TicketCreation;
import io.pharos.ticket.service.ticket.TicketQueries;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tickets")
@RolesAllowed({ Roles.INTEGRATOR, Roles.AGENT })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
public class TicketResource {

    private static final Set<String> PATCHABLE = Set.of("subject", "status", "priority", "tags", "language", "assigneeId", "team");

    private final TicketQueries tickets;
    private final TicketCreation creation;
    private final TicketChanges changes;
    private final Conversation conversation;
    private final IdempotencyService idempotency;
    private final TenantContext caller;
    private final ObjectMapper json;
    private final MessageHtml html;

    public TicketResource(TicketQueries tickets, TicketCreation creation, TicketChanges changes, Conversation conversation,
            IdempotencyService idempotency, TenantContext caller, ObjectMapper json, MessageHtml html) {
        this.html = html;
        this.tickets = tickets;
        this.creation = creation;
        this.changes = changes;
        this.conversation = conversation;
        this.idempotency = idempotency;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a ticket with its requester and first message",
            description = "With an Idempotency-Key the same request body returns the same ticket; the same key with another body is 422."
                    + " A ticket of now, in server time: a createdAt is refused (400); history goes to POST /api/v1/tickets/import.")
    @APIResponse(responseCode = "201", description = "Created (or replayed: header Idempotent-Replayed: true)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    public Uni<Response> create(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull CreateTicketRequest request, UriInfo uri) {
        String tenant = caller.tenant();
        var actor = Callers.actor(caller);
        // run again when it lost a race on a unique value: a burst of creates naming the same new requester
        return UniqueRaces.retry(() -> idempotency.run(tenant, "ticket.create", idempotencyKey, IdempotencyService.hash(canonical(request)),
                () -> creation.createInTransaction(tenant, request, actor)
                        .map(t -> new IdempotencyService.Answer(201, write(t), t.etag()))))
                .map(outcome -> {
                    JsonNode body = read(outcome.body());
                    Response.ResponseBuilder response = Response.status(outcome.status()).entity(body)
                            .location(URI.create("/api/v1/tickets/" + body.get("id").asText()));
                    if (outcome.etag() != null) {
                        response.header("ETag", outcome.etag());
                    }
                    if (outcome.replayed()) {
                        response.header("Idempotent-Replayed", "true");
                    }
                    return response.build();
                });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One ticket; its ETag is what PATCH needs in If-Match")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return tickets.get(caller.tenant(), id).map(t -> Response.ok(t).header("ETag", t.etag()).build());
    }

    @GET
    @Operation(summary = "List tickets, newest first, or as a sync feed in update order with updatedSince",
            description = "Cursor pagination: follow `next` (also in the Link header) until it is null.")
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
            @QueryParam("requester") UUID requester, @QueryParam("updatedSince") Instant updatedSince,
            @QueryParam("externalId") String externalId, @QueryParam("tag") String tag,
            @QueryParam("channel") String channel, @QueryParam("team") String team,
            @Parameter(description = "text to find in subjects and messages") @QueryParam("q") String q,
            @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit,
            @Parameter(description = "the `next` cursor of the previous page") @QueryParam("cursor") String cursor,
            UriInfo uri) {
        if (updatedSince != null && updatedSince.isAfter(Instant.now().plus(Timestamps.MAX_AHEAD))) {
            throw new ProblemException(400, "validation", "Invalid request", "updatedSince is in the future",
                    List.of(new Problem.FieldError("updatedSince", "must not be more than a day from now")));
        }
        // query parameters lose their control characters as JSON bodies do: PostgreSQL refuses NUL
        TicketFilter filter = new TicketFilter(param(TicketStatus.class, "status", status), clean(assignee), requester,
                updatedSince == null || updatedSince.isAfter(Timestamps.EARLIEST) ? updatedSince : Timestamps.EARLIEST, clean(externalId),
                tag == null ? null : clean(tag).toLowerCase(), param(Channel.class, "channel", channel), clean(team), clean(q));
        return tickets.list(caller.tenant(), filter, clean(cursor), limit).map(page -> {
            ListPage<TicketDto> body = new ListPage<>(page.items(), page.next() == null ? null
                    : uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build().toString());
            Response.ResponseBuilder response = Response.ok(body);
            if (body.next() != null) {
                response.header("Link", "<" + body.next() + ">; rel=\"next\"");
            }
            return response.build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change status, priority, assignee, team, tags, subject or language",
            description = "Requires If-Match with the ETag of the last read: a stale one is 412, none is 428. Refused status transitions are 409.")
    @APIResponse(responseCode = "412", description = "The ticket changed since it was read")
    @APIResponse(responseCode = "409", description = "The workflow does not allow this status change")
    public Uni<Response> patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull ObjectNode body) {
        long version = ETags.requireVersion(ifMatch);
        TicketPatch patch = toPatch(body); // control characters: TicketChanges strips them, as for GraphQL
        return changes.update(caller.tenant(), id, version, patch, Callers.actor(caller))
                .map(t -> Response.ok(t).header("ETag", t.etag()).build());
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a message: an agent's public reply or internal note, or a customer message from an integrator",
            description = "In server time: a createdAt is refused (400); history with its timestamps goes to POST /api/v1/tickets/import."
                    + " An externalId already used is 409 message-exists."
                    + " A public reply leaves from the channel account the customer last wrote to; `channelId` chooses another account of"
                    + " the tenant (any id of the right shape is accepted here; channel-gateway fails the delivery, with the reason, when it"
                    + " is another tenant's or disabled). Email replies go to the Reply-To of the customer's latest mail (else the"
                    + " requester) with every participant and `cc` in Cc, `bcc` blind (≤ 20 each). On WhatsApp a free-form reply more than"
                    + " 24 hours after the customer's last message is 422 outside_customer_service_window (send a `template` instead);"
                    + " Messenger and Instagram are sent with the HUMAN_AGENT tag from 24 hours to 7 days, refused after. A phone ticket"
                    + " is answered by SMS to the caller.")
    @APIResponse(responseCode = "409", description = "externalId already used (message-exists), or the ticket is closed")
    @APIResponse(responseCode = "422", description = "Outside the customer-service window (outside_customer_service_window): nothing stored")
    public Uni<Response> addMessage(@PathParam("id") UUID id, @Valid @NotNull MessageInput input) {
        return conversation.addMessage(caller.tenant(), id, input, Callers.actor(caller))
                .map(m -> Response.created(URI.create("/api/v1/tickets/" + id + "/messages/" + m.id())).entity(m).build());
    }

    @GET
    @Path("/{id}/messages")
    @Operation(summary = "The conversation, oldest first; internal notes only for agents who ask for them",
            description = "`html` shows a mail's inline images from Pharos; its remote images (which tell the sender the mail was"
                    + " read) are kept as `data-remote-src`, `data-remote-srcset` and `data-remote-background` and become sources only"
                    + " with `remoteImages=true` (1x1 tracking pixels never).")
    public Uni<List<MessageDto>> messages(@PathParam("id") UUID id, @QueryParam("includeInternal") boolean includeInternal,
            @QueryParam("remoteImages") boolean remoteImages) {
        if (includeInternal && !caller.hasRole(Roles.AGENT)) {
            throw ProblemException.forbidden("internal-notes", "Internal notes are for agents only.");
        }
        String tenant = caller.tenant();
        return tickets.messages(tenant, id, includeInternal).flatMap(list -> html.forReading(tenant, list, MessageDto::id, MessageDto::html,
                remoteImages).map(read -> java.util.stream.IntStream.range(0, list.size())
                        .mapToObj(i -> list.get(i).withHtml(read.get(i))).toList()));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The ticket's audit trail, oldest first: who changed what, when, and the values it set")
    public Uni<List<HistoryEntryDto>> history(@PathParam("id") UUID id) {
        return tickets.history(caller.tenant(), id);
    }

    /** REST shape of a page: the items and the URL of the next page. */
    public record ListPage<T>(List<T> items, String next) {
    }

    private TicketPatch toPatch(ObjectNode body) {
        body.fieldNames().forEachRemaining(field -> {
            if (!PATCHABLE.contains(field)) {
                throw ProblemException.badRequest("unknown-field", "'" + field + "' cannot be changed; changeable: " + PATCHABLE);
            }
        });
        try {
            return new TicketPatch(text(body, "subject"), param(TicketStatus.class, "status", text(body, "status")),
                    param(Priority.class, "priority", text(body, "priority")),
                    body.hasNonNull("tags") ? List.of(json.treeToValue(body.get("tags"), String[].class)) : null,
                    text(body, "language"), text(body, "assigneeId"), body.has("assigneeId"), text(body, "team"), body.has("team"));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("invalid-field", "tags must be a list of strings");
        }
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest("invalid-field", field + " must be a string");
        }
        return node.asText();
    }

    private static String clean(String value) {
        return ControlCharacters.strip(value);
    }

    private static <E extends Enum<E>> E param(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LowerCaseEnums.parse(type, value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "invalid-field", "Bad request", name + ": " + e.getMessage(),
                    List.of(new Problem.FieldError(name, e.getMessage())));
        }
    }

    private String canonical(Object request) {
        return write(request);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
