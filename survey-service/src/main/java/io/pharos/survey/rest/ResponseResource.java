package io.pharos.survey.rest;

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
import io.pharos.survey.api.ResponseDto;
import io.pharos.survey.api.ResponseInput;
import io.pharos.survey.service.ResponseService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/responses")
@Tag(name = "responses")
public class ResponseResource {

    private final ResponseService responses;
    private final TenantContext caller;

    public ResponseResource(ResponseService responses, TenantContext caller) {
        this.responses = responses;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Roles.INTEGRATOR, Roles.ADMIN })
    @Operation(summary = "Record a response: with the invitation's token and a score (and comment), or for history "
            + "with type, ticketId/customerId and respondedAt")
    public Uni<Response> submit(@Valid @NotNull ResponseInput in) {
        return responses.submit(caller.tenant(), in)
                .map(r -> Response.created(URI.create("/api/v1/responses/" + r.id())).entity(r).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.INTEGRATOR, Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT })
    public Uni<ResponseDto> get(@PathParam("id") UUID id) {
        return responses.get(caller.tenant(), id);
    }
}
