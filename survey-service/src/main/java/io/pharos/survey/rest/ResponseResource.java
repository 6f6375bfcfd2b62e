package io.pharos.survey.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.survey.api.ResponseDto;
import io.pharos.survey.api.ResponseFilter;
import io.pharos.survey.api.ResponseInput;
import io.pharos.survey.api.ThemeCount;
import io.pharos.survey.model.SurveyType;
import io.pharos.survey.service.ResponseQueries;
import io.pharos.survey.service.ResponseService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/responses")
@Tag(name = "responses")
public class ResponseResource {

    private final ResponseService responses;
    private final ResponseQueries queries;
    private final TenantContext caller;

    public ResponseResource(ResponseService responses, ResponseQueries queries, TenantContext caller) {
        this.responses = responses;
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.INTEGRATOR, Roles.AGENT })
    @Operation(summary = "Responses newest first, filtered; follow the Link rel=next header for the next page")
    public Uni<Response> list(@QueryParam("surveyId") UUID surveyId, @QueryParam("type") SurveyType type,
            @QueryParam("ticketId") UUID ticketId, @QueryParam("customerId") UUID customerId,
            @QueryParam("agentId") String agentId, @QueryParam("team") String team, @QueryParam("channel") String channel,
            @QueryParam("sentiment") String sentiment, @QueryParam("theme") String theme,
            @QueryParam("minScore") Integer minScore, @QueryParam("maxScore") Integer maxScore,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        ResponseFilter filter = new ResponseFilter(surveyId, type, ticketId, customerId, agentId, team, channel, sentiment, theme,
                minScore, maxScore, from, to);
        return queries.list(caller.tenant(), filter, cursor, limit).map(page -> {
            Response.ResponseBuilder ok = Response.ok(page.items());
            if (page.next() != null) {
                ok.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build(), "next");
            }
            return ok.build();
        });
    }

    @GET
    @Path("/themes")
    @RolesAllowed({ Roles.INTEGRATOR, Roles.SUPERVISOR })
    @Operation(summary = "The themes of the comments in [from, to), most frequent first, with recent examples")
    public Uni<List<ThemeCount>> topThemes(@QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(50) int limit) {
        return queries.topThemes(caller.tenant(), from, to, limit);
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
