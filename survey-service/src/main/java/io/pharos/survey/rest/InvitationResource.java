package io.pharos.survey.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.survey.api.InvitationDto;
import io.pharos.survey.service.InvitationQueries;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/invitations")
@Tag(name = "invitations")
public class InvitationResource {

    private final InvitationQueries invitations;
    private final TenantContext caller;

    public InvitationResource(InvitationQueries invitations, TenantContext caller) {
        this.invitations = invitations;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.SUPERVISOR, Roles.INTEGRATOR })
    @Operation(summary = "A ticket's or a customer's survey invitations (scheduled, sent, or skipped with the reason)")
    public Uni<List<InvitationDto>> list(@QueryParam("ticketId") UUID ticketId, @QueryParam("customerId") UUID customerId) {
        return invitations.of(caller.tenant(), ticketId, customerId);
    }
}
