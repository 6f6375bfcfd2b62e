package io.pharos.commons.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

@Path("/api/v1/me")
@Authenticated
@Tag(name = "Identity")
public class MeResource {

    private final TenantContext caller;

    public MeResource(TenantContext caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's tenant, subject and roles as read from the bearer token")
    public Me me() {
        return new Me(caller.tenant(), caller.subject(), caller.username(), caller.roles());
    }
}
