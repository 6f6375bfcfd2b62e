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
import io.pharos.ticket.api.CalendarDto;
import io.pharos.ticket.api.CalendarInput;
import io.pharos.ticket.service.sla.CalendarService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/calendars")
@Tag(name = "SLA")
public class CalendarResource {

    private final CalendarService calendars;
    private final TenantContext caller;

    public CalendarResource(CalendarService calendars, TenantContext caller) {
        this.calendars = calendars;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Operation(summary = "The tenant's business-hours calendars (the default first)")
    public Uni<List<CalendarDto>> list() {
        return calendars.list(caller.tenant());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    public Uni<CalendarDto> get(@PathParam("id") UUID id) {
        return calendars.get(caller.tenant(), id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a calendar: IANA time zone, weekly intervals (an end before the start runs past midnight), holidays, or 24/7")
    public Uni<Response> create(@Valid @NotNull CalendarInput in) {
        return calendars.create(caller.tenant(), in)
                .map(c -> Response.created(URI.create("/api/v1/calendars/" + c.id())).entity(c).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a calendar; due times of running clocks follow at their next change")
    public Uni<CalendarDto> replace(@PathParam("id") UUID id, @Valid @NotNull CalendarInput in) {
        return calendars.replace(caller.tenant(), id, in);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return calendars.delete(caller.tenant(), id).map(v -> Response.noContent().build());
    }
}
