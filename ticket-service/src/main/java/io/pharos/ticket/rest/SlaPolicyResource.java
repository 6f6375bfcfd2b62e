package io.pharos.ticket.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.ReplyEstimate;
import io.pharos.ticket.api.SlaPolicyDto;
import io.pharos.ticket.api.SlaPolicyInput;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.service.sla.ReplyEstimates;
import io.pharos.ticket.service.sla.SlaPolicyService;
import io.pharos.ticket.service.TimeSource;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/sla")
@Tag(name = "SLA")
public class SlaPolicyResource {

    private final SlaPolicyService policies;
    private final ReplyEstimates estimates;
    private final TenantContext caller;
    private final TimeSource time;

    public SlaPolicyResource(SlaPolicyService policies, ReplyEstimates estimates, TenantContext caller, TimeSource time) {
        this.time = time;
        this.policies = policies;
        this.estimates = estimates;
        this.caller = caller;
    }

    @GET
    @Path("/policies")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Operation(summary = "The tenant's SLA policies in the order they are tried")
    public Uni<List<SlaPolicyDto>> list() {
        return policies.list(caller.tenant());
    }

    @GET
    @Path("/policies/{id}")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    public Uni<SlaPolicyDto> get(@PathParam("id") UUID id) {
        return policies.get(caller.tenant(), id);
    }

    @POST
    @Path("/policies")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a policy (conditions, targets in minutes of business or calendar time, warning share, escalation)")
    public Uni<Response> create(@Valid @NotNull SlaPolicyInput in) {
        return policies.create(caller.tenant(), in)
                .map(p -> Response.created(URI.create("/api/v1/sla/policies/" + p.id())).entity(p).build());
    }

    @PUT
    @Path("/policies/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a policy; it applies to tickets created (or reclassified) afterwards")
    public Uni<SlaPolicyDto> replace(@PathParam("id") UUID id, @Valid @NotNull SlaPolicyInput in) {
        return policies.replace(caller.tenant(), id, in);
    }

    @DELETE
    @Path("/policies/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return policies.delete(caller.tenant(), id).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/reply-estimate")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Operation(summary = "When a customer writing now (or at `at`) on a channel will get a first reply, by the SLA that would apply")
    public Uni<ReplyEstimate> estimate(@QueryParam("channel") Channel channel, @QueryParam("priority") @DefaultValue("NORMAL") Priority priority,
            @QueryParam("at") Instant at) {
        if (channel == null) {
            throw ProblemException.badRequest("missing-channel", "Say which channel: ?channel=whatsapp");
        }
        return estimates.estimate(caller.tenant(), channel, priority, at != null ? at : time.now());
    }
}
