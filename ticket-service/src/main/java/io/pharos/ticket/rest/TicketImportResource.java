package io.pharos.ticket.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.messaging.History;
import io.pharos.commons.rest.ImportLineResult;
import io.pharos.commons.rest.NdjsonImport;
import io.pharos.commons.rest.Validation;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.ImportedTicket;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.UniqueRaces;
import io.pharos.ticket.service.ticket.TicketImport;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;

/**
 * Imports history as NDJSON, one whole ticket per line. The body is read and answered as a
 * stream (one result line per input line, as soon as it is done), so an import of any size never
 * sits in memory; each ticket is its own transaction, so a bad line loses nothing else.
 */
@Path("/api/v1/tickets/import")
@RolesAllowed({ Roles.INTEGRATOR, Roles.ADMIN })
@Tag(name = "Tickets")
public class TicketImportResource {

    /**
     * One ticket's line: room for the largest history a ticket may have (10,000 messages of a few
     * hundred characters each) within one request (quarkus.http.limits.max-body-size, 10M).
     */
    static final int MAX_LINE = 8_000_000;

    private final TicketImport tickets;
    private final TenantContext caller;
    private final ObjectMapper json;
    private final Validator validator;

    public TicketImportResource(TicketImport tickets, TenantContext caller, ObjectMapper json, Validator validator) {
        this.tickets = tickets;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @Blocking
    @Consumes({ "application/x-ndjson", "application/jsonl", "text/plain" })
    @Produces("application/x-ndjson")
    @Operation(summary = "Import tickets with their history (NDJSON, one ticket per line)",
            description = "Each line: {externalId, subject, channel, priority, requester: {name, email, phone, ..., externalId}, "
                    + "createdAt, tags[], team, assigneeId, language, openedBy: customer|agent (default: agent when the first message "
                    + "by time is an agent's, else customer), historicalAgents: true to accept agent ids and a team the directory does "
                    + "not know (people who left), messages: [{author: customer|agent|system|bot, authorId (the agent's id; a bot's "
                    + "name), text, html, visibility: public|internal, createdAt, externalId}], statusChanges: [{status, at, actor: "
                    + "<agent id>|customer|system, reason (at most 500 characters)}]}. Without historicalAgents an unknown assigneeId, "
                    + "message authorId or status actor, or a team no active agent belongs to, refuses the line (422). Nothing is "
                    + "delivered, routed, promised or mailed; every event is marked historical. Answers one NDJSON line per input "
                    + "line: {line, status: created|failed, id, number, externalId, error (problem+json)}; a failed line echoes its "
                    + "externalId when the line is JSON.")
    public Response importTickets(InputStream body) {
        String tenant = caller.tenant();
        Actor actor = Callers.actor(caller);
        return Response.ok(NdjsonImport.stream(body, json, MAX_LINE, (number, line) -> {
            ImportedTicket ticket = Validation.valid(validator, json.readValue(line, ImportedTicket.class), "Invalid ticket");
            // the whole line is history: its events are marked, nothing live reacts; run again when it lost a race on a
            // unique value (the same new requester imported at once by another stream)
            TicketDto done = VertxContextSupport.subscribeAndAwait(
                    () -> History.of(() -> UniqueRaces.retry(() -> tickets.importTicket(tenant, ticket, actor))));
            return ImportLineResult.done(number, "created", done.id(), done.externalId()).withNumber(done.number());
        })).build();
    }
}
