package io.pharos.channel.rest;

import java.net.URI;
import java.util.List;

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

import io.pharos.channel.api.ChannelDto;
import io.pharos.channel.api.ChannelInput;
import io.pharos.channel.service.channels.ChannelAdmin;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/channels")
@Tag(name = "channels")
@RolesAllowed(Roles.ADMIN)
public class ChannelResource {

    private final ChannelAdmin channels;
    private final TenantContext caller;

    public ChannelResource(ChannelAdmin channels, TenantContext caller) {
        this.channels = channels;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The tenant's channels (secrets are listed by name, never by value)")
    public Uni<List<ChannelDto>> list() {
        return channels.list(caller.tenant());
    }

    @GET
    @Path("/{id}")
    public Uni<ChannelDto> get(@PathParam("id") String id) {
        return channels.get(caller.tenant(), id);
    }

    @POST
    @Operation(summary = "Add a channel; its webhook path is in the answer")
    public Uni<Response> create(@Valid @NotNull ChannelInput in) {
        return channels.create(caller.tenant(), in).map(c -> Response.created(URI.create("/api/v1/channels/" + c.id())).entity(c).build());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a channel; secrets named in the body are replaced (an empty value removes one), others are kept")
    public Uni<ChannelDto> update(@PathParam("id") String id, @Valid @NotNull ChannelInput in) {
        return channels.update(caller.tenant(), id, in);
    }
}
