package io.pharos.ticket.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.CallbackDto;
import io.pharos.ticket.api.CallbackInput;
import io.pharos.ticket.api.CallbackOutcomeInput;
import io.pharos.ticket.service.ticket.Callbacks;
import io.smallrye.mutiny.Uni;

/** Call backs to a ticket's caller: scheduled for an agent, closed with their outcome. */
@Path("/api/v1/tickets/{id}/callbacks")
@RolesAllowed(Roles.AGENT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
public class TicketCallbackResource {

    private final Callbacks callbacks;
    private final TenantContext caller;

    public TicketCallbackResource(Callbacks callbacks, TenantContext caller) {
        this.callbacks = callbacks;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The ticket's call backs, oldest first")
    public Uni<List<CallbackDto>> list(@PathParam("id") UUID id) {
        return callbacks.list(caller.tenant(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a call back to the caller", description = "assigneeId must be an active agent of the tenant;"
            + " dueAt from a day ago to a year ahead.")
    @APIResponse(responseCode = "201", description = "The call back, OPEN")
    @APIResponse(responseCode = "422", description = "assigneeId is no active agent of the tenant (unknown-agent)")
    public Uni<Response> schedule(@PathParam("id") UUID id, @NotNull CallbackInput input) {
        return callbacks.schedule(caller.tenant(), id, input, Callers.actor(caller))
                .map(c -> Response.created(URI.create("/api/v1/tickets/" + id + "/callbacks/" + c.id())).entity(c).build());
    }

    @POST
    @Path("/{callbackId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record how the call back went", description = "Closes it (DONE); the outcome is also an internal note"
            + " on the ticket and an entry of its history.")
    @APIResponse(responseCode = "200", description = "The call back, DONE")
    @APIResponse(responseCode = "409", description = "Its outcome was already recorded (callback-done)")
    public Uni<CallbackDto> outcome(@PathParam("id") UUID id, @PathParam("callbackId") UUID callbackId,
            @NotNull CallbackOutcomeInput input) {
        return callbacks.recordOutcome(caller.tenant(), id, callbackId, input, Callers.actor(caller));
    }
}
