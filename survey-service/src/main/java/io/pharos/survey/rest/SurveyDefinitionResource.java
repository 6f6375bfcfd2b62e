package io.pharos.survey.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import io.pharos.survey.api.SurveyDefinitionDto;
import io.pharos.survey.api.SurveyDefinitionInput;
import io.pharos.survey.service.SurveyDefinitionService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/surveys")
@Tag(name = "surveys")
public class SurveyDefinitionResource {

    private final SurveyDefinitionService surveys;
    private final TenantContext caller;

    public SurveyDefinitionResource(SurveyDefinitionService surveys, TenantContext caller) {
        this.surveys = surveys;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Define a survey (CSAT, NPS or CES) with its trigger, channel, throttle and expiry")
    public Uni<Response> create(@Valid @NotNull SurveyDefinitionInput in) {
        return surveys.create(caller.tenant(), in)
                .map(d -> Response.created(URI.create("/api/v1/surveys/" + d.id())).entity(d).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a survey definition (applies to invitations scheduled from now on)")
    public Uni<SurveyDefinitionDto> replace(@PathParam("id") UUID id, @Valid @NotNull SurveyDefinitionInput in) {
        return surveys.replace(caller.tenant(), id, in);
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    @Operation(summary = "The tenant's survey definitions")
    public Uni<List<SurveyDefinitionDto>> list() {
        return surveys.list(caller.tenant());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<SurveyDefinitionDto> get(@PathParam("id") UUID id) {
        return surveys.get(caller.tenant(), id);
    }
}
