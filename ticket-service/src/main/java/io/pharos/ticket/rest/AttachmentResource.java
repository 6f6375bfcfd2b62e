package io.pharos.ticket.rest;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.service.attachment.AttachmentDownloads;
import io.pharos.ticket.service.attachment.AttachmentUploads;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

@Path("/api/v1/attachments")
@RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attachments")
public class AttachmentResource {

    private final AttachmentUploads uploads;
    private final AttachmentDownloads downloads;
    private final TenantContext caller;
    private final SecurityIdentity identity;
    private final Vertx vertx;

    public AttachmentResource(AttachmentUploads uploads, AttachmentDownloads downloads, TenantContext caller, SecurityIdentity identity,
            Vertx vertx) {
        this.uploads = uploads;
        this.downloads = downloads;
        this.caller = caller;
        this.identity = identity;
        this.vertx = vertx;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a file to send with a reply or note (attachmentIds)",
            description = "Multipart: part 'file', optional 'fileName' (else the part's file name). The type is detected from the bytes, "
                    + "never taken from the upload; the file is virus-scanned when a scanner is configured (an infected file is kept but "
                    + "never served nor sent).")
    @APIResponse(responseCode = "201", description = "Stored; downloadUrl is a short-lived signed link")
    @APIResponse(responseCode = "400", description = "No 'file' part, or an empty file")
    @APIResponse(responseCode = "413", description = "Over the tenant's per-file limit (attachment-too-large)")
    public Uni<Response> upload(@RestForm("file") FileUpload file, @RestForm("fileName") String fileName) {
        if (file == null) {
            throw ProblemException.badRequest("attachment-missing", "The multipart body needs a part named 'file'.");
        }
        String tenant = caller.tenant();
        uploads.checkSize(tenant, file.size());
        String name = fileName != null && !fileName.isBlank() ? fileName : file.fileName();
        return vertx.fileSystem().readFile(file.uploadedFile().toString())
                .flatMap(buffer -> uploads.upload(tenant, Callers.actor(caller), buffer.getBytes(), name, file.contentType()))
                .map(dto -> Response.created(URI.create("/api/v1/attachments/" + dto.id())).entity(dto).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An attachment's metadata, with a fresh download link while it is stored")
    @APIResponse(responseCode = "404", description = "No such attachment in the caller's tenant")
    public Uni<AttachmentDto> get(@PathParam("id") UUID id) {
        return uploads.get(caller.tenant(), id);
    }

    @GET
    @Path("/{id}/content")
    @PermitAll
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The file's bytes, by its signed link (no bearer token needed)",
            description = "Served with the detected type (application/octet-stream for types a browser would run), inline only for PNG, "
                    + "JPEG, GIF and WebP, with X-Content-Type-Options: nosniff and Content-Security-Policy: sandbox. A bearer token, "
                    + "when sent, must be of the file's tenant.")
    @APIResponse(responseCode = "200", description = "The bytes")
    @APIResponse(responseCode = "403", description = "The link is forged, expired or for another file (attachment-link-invalid)")
    @APIResponse(responseCode = "404", description = "No such attachment, or not of the bearer token's tenant")
    @APIResponse(responseCode = "409", description = "Still being fetched from the channel (attachment-not-stored)")
    @APIResponse(responseCode = "410", description = "Could not be kept (attachment-failed), or infected (attachment-infected)")
    public Uni<Response> content(@PathParam("id") UUID id,
            @Parameter(description = "the token of the signed link") @QueryParam("token") String token) {
        Optional<String> tenant = identity.isAnonymous() ? Optional.empty() : Optional.of(caller.tenant());
        return downloads.content(id, token, tenant).map(d -> Response.ok(d.content())
                .header("Content-Type", d.contentType())
                .header("Content-Disposition", ContentDisposition.of(d.inline(), d.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, max-age=" + d.cacheFor().toSeconds())
                .build());
    }
}
