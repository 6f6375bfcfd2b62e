package io.pharos.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.analytics.service.projection.ProjectionRebuild;
import io.pharos.commons.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * Rebuilds the projections from the topics. Service-wide: every tenant's figures are replaced by
 * the same replay and the consumers pause while the tables swap, so it is the platform operator's
 * (realm role {@code platform-admin}, which no tenant user holds), e.g. after a fix to a counting
 * rule; a tenant administrator gets 403.
 */
@Path("/api/v1/admin/rebuild")
@Tag(name = "operations")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class RebuildResource {

    private final ProjectionRebuild rebuild;

    public RebuildResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay the topics into fresh projections and swap them in; 202 with the status, 409 while one runs")
    public Response start() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the last rebuild stands: idle, replaying, swapping, done or failed, with the events replayed")
    public ProjectionRebuild.Status status() {
        return rebuild.status();
    }
}
