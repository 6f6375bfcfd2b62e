package io.pharos.channel.rest;

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

import io.pharos.channel.api.TemplateDto;
import io.pharos.channel.api.TemplateInput;
import io.pharos.channel.service.templates.WhatsAppTemplates;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/channels/{channelId}/templates")
@Tag(name = "channels")
@RolesAllowed(Roles.ADMIN)
public class WhatsAppTemplateResource {

    private final WhatsAppTemplates templates;
    private final TenantContext caller;

    public WhatsAppTemplateResource(WhatsAppTemplates templates, TenantContext caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The WhatsApp channel's message templates and their review status")
    public Uni<List<TemplateDto>> list(@PathParam("channelId") String channelId) {
        return templates.list(caller.tenant(), channelId);
    }

    @POST
    @Operation(summary = "Add a message template as a draft")
    public Uni<Response> create(@PathParam("channelId") String channelId, @Valid @NotNull TemplateInput in) {
        return templates.create(caller.tenant(), channelId, in)
                .map(t -> Response.created(URI.create("/api/v1/channels/" + channelId + "/templates/" + t.id())).entity(t).build());
    }

    @POST
    @Path("/sync")
    @Operation(summary = "Take over the status and rejection reason of each template from Meta")
    public Uni<List<TemplateDto>> sync(@PathParam("channelId") String channelId) {
        return templates.sync(caller.tenant(), channelId);
    }

    @GET
    @Path("/{templateId}")
    public Uni<TemplateDto> get(@PathParam("channelId") String channelId, @PathParam("templateId") UUID templateId) {
        return templates.get(caller.tenant(), channelId, templateId);
    }

    @PUT
    @Path("/{templateId}")
    @Operation(summary = "Change a draft or rejected template (it becomes a draft again)")
    public Uni<TemplateDto> update(@PathParam("channelId") String channelId, @PathParam("templateId") UUID templateId,
            @Valid @NotNull TemplateInput in) {
        return templates.update(caller.tenant(), channelId, templateId, in);
    }

    @DELETE
    @Path("/{templateId}")
    @Operation(summary = "Delete a template, at Meta too once submitted")
    public Uni<Response> delete(@PathParam("channelId") String channelId, @PathParam("templateId") UUID templateId) {
        return templates.delete(caller.tenant(), channelId, templateId).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{templateId}/submit")
    @Operation(summary = "Submit a draft or rejected template to Meta for review")
    public Uni<TemplateDto> submit(@PathParam("channelId") String channelId, @PathParam("templateId") UUID templateId) {
        return templates.submit(caller.tenant(), channelId, templateId);
    }
}
