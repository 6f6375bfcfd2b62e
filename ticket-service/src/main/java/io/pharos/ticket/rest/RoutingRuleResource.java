package io.pharos.ticket.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.RoutingRuleDto;
import io.pharos.ticket.api.RoutingRuleInput;
import io.pharos.ticket.service.routing.RoutingRuleService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/routing/rules")
@Tag(name = "Routing")
public class RoutingRuleResource {

    private final RoutingRuleService rules;
    private final TenantContext caller;

    public RoutingRuleResource(RoutingRuleService rules, TenantContext caller) {
        this.rules = rules;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Operation(summary = "The tenant's routing rules in the order they are tried")
    public Uni<List<RoutingRuleDto>> list() {
        return rules.list(caller.tenant());
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a rule: conditions (channel, language, priority, tags, customer tags) send tickets to a team, asking for skills")
    public Uni<Response> create(@Valid @NotNull RoutingRuleInput in) {
        return rules.create(caller.tenant(), in)
                .map(r -> Response.created(URI.create("/api/v1/routing/rules/" + r.id())).entity(r).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<RoutingRuleDto> replace(@PathParam("id") UUID id, @Valid @NotNull RoutingRuleInput in) {
        return rules.replace(caller.tenant(), id, in);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return rules.delete(caller.tenant(), id).map(v -> Response.noContent().build());
    }
}
