package io.pharos.ticket.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import io.pharos.ticket.api.ParticipantDto;
import io.pharos.ticket.api.ParticipantInput;
import io.pharos.ticket.service.ticket.Participants;
import io.smallrye.mutiny.Uni;

/** Who besides the requester is copied on a ticket's email replies. */
@Path("/api/v1/tickets/{id}/participants")
@RolesAllowed({ Roles.INTEGRATOR, Roles.AGENT })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
public class TicketParticipantResource {

    private final Participants participants;
    private final TenantContext caller;

    public TicketParticipantResource(Participants participants, TenantContext caller) {
        this.participants = participants;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The ticket's participants, in the order they joined",
            description = "The Cc and Reply-To addresses of the customer's mails (source CC, REPLY_TO) and those agents added (AGENT);"
                    + " every email reply is copied to them all.")
    public Uni<List<ParticipantDto>> list(@PathParam("id") UUID id) {
        return participants.list(caller.tenant(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Copy an email address on the ticket's replies")
    @APIResponse(responseCode = "201", description = "The participant")
    @APIResponse(responseCode = "409", description = "The address already takes part (participant-exists)")
    @APIResponse(responseCode = "422", description = "The address is the requester's own (participant-is-requester)")
    public Uni<Response> add(@PathParam("id") UUID id, @NotNull ParticipantInput input) {
        return participants.add(caller.tenant(), id, input, Callers.actor(caller))
                .map(p -> Response.created(URI.create("/api/v1/tickets/" + id + "/participants/" + p.address())).entity(p).build());
    }

    @DELETE
    @Path("/{address}")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Stop copying an address on the ticket's replies")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The address takes no part in the ticket")
    public Uni<Response> remove(@PathParam("id") UUID id, @PathParam("address") String address) {
        return participants.remove(caller.tenant(), id, address, Callers.actor(caller)).map(v -> Response.noContent().build());
    }
}
