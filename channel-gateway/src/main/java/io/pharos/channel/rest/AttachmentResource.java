package io.pharos.channel.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.channel.service.email.Attachments;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;

/** What customers attached, for the team: always a download, never rendered by the browser (it is untrusted content). */
@Path("/api/v1/attachments/{id}")
@Tag(name = "attachments")
public class AttachmentResource {

    private final Attachments attachments;
    private final TenantContext tenant;

    public AttachmentResource(Attachments attachments, TenantContext tenant) {
        this.attachments = attachments;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(summary = "Download an attachment a customer sent (the url in pharos.channel.message.received)")
    public Uni<Response> download(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("attachment", id);
        }
        return attachments.find(tenant.tenant(), uuid).map(a -> {
            if (a == null) {
                throw ProblemException.notFound("attachment", id);
            }
            String ascii = a.name().replaceAll("[^A-Za-z0-9._-]", "_");
            return Response.ok(a.content(), a.contentType())
                    .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                            + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "sandbox")
                    .build();
        });
    }
}
