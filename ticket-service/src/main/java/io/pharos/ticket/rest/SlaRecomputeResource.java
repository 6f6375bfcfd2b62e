package io.pharos.ticket.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.SlaRecomputeJob;
import io.pharos.ticket.api.SlaRecomputeRequest;
import io.pharos.ticket.service.sla.SlaRecompute;
import io.smallrye.mutiny.Uni;

/** Recomputing SLA clocks of past tickets after a calendar or SLA policy changed (a job: started, then polled). */
@Path("/api/v1/sla/recompute")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATOR })
@Tag(name = "SLA")
public class SlaRecomputeResource {

    private final SlaRecompute recompute;
    private final TenantContext caller;

    public SlaRecomputeResource(SlaRecompute recompute, TenantContext caller) {
        this.recompute = recompute;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Replay the SLA clocks of tickets created at or after `from` (and before `to`, if given) under today's calendars and policies",
            description = "Answers 202 with the job; each ticket's new clocks travel in a historical pharos.ticket.updated.")
    public Uni<Response> start(@Valid @NotNull SlaRecomputeRequest in) {
        return recompute.start(caller.tenant(), in.from(), in.to())
                .map(job -> Response.accepted(job).location(URI.create("/api/v1/sla/recompute/" + job.id())).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "How far a recomputation got")
    public Uni<SlaRecomputeJob> get(@PathParam("id") UUID id) {
        return recompute.get(caller.tenant(), id);
    }
}
