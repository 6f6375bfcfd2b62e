package io.pharos.ticket.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.CustomerDto;
import io.pharos.ticket.api.CustomerPatch;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.service.customer.CustomerService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/customers")
@RolesAllowed({ Roles.INTEGRATOR, Roles.AGENT })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public class CustomerResource {

    private final CustomerService customers;
    private final TenantContext caller;

    public CustomerResource(CustomerService customers, TenantContext caller) {
        this.customers = customers;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a customer with their channel identities; 409 if an identity or externalId is taken")
    public Uni<Response> create(@Valid @NotNull IdentityInput customer) {
        return customers.createExplicit(caller.tenant(), customer, Callers.actor(caller))
                .map(c -> Response.created(URI.create("/api/v1/customers/" + c.id())).entity(c).build());
    }

    @GET
    @Path("/{id}")
    public Uni<CustomerDto> get(@PathParam("id") UUID id) {
        return customers.get(caller.tenant(), id);
    }

    @GET
    @Operation(summary = "Find a customer by identity (TYPE:VALUE) or externalId; otherwise the newest customers")
    public Uni<List<CustomerDto>> find(
            @Parameter(description = "e.g. email:eleni@example.test, phone:+306900000001, whatsapp:306900000123")
            @QueryParam("identity") String identity,
            @QueryParam("externalId") String externalId,
            @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        String tenant = caller.tenant();
        if (identity != null) {
            return customers.findByIdentity(tenant, identity).map(c -> c == null ? List.of() : List.of(c));
        }
        if (externalId != null) {
            return customers.findByExternalId(tenant, externalId).map(c -> c == null ? List.of() : List.of(c));
        }
        return customers.list(tenant, limit);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change a profile; lifecycle churned takes an effectiveDate (default today)")
    public Uni<CustomerDto> patch(@PathParam("id") UUID id, @Valid @NotNull CustomerPatch patch) {
        return customers.patch(caller.tenant(), id, patch, Callers.actor(caller));
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge another customer into this one: identities and tickets move here")
    public Uni<CustomerDto> merge(@PathParam("id") UUID id, @Valid @NotNull MergeRequest request) {
        return customers.merge(caller.tenant(), id, request.customerId(), Callers.actor(caller));
    }

    public record MergeRequest(@NotNull UUID customerId) {
    }
}
