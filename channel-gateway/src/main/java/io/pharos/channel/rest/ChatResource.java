package io.pharos.channel.rest;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.channel.api.ChatSessionRequest;
import io.pharos.channel.api.ChatSessionView;
import io.pharos.channel.service.chat.ChatService;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Live chat's HTTP side: visitors get a signed session token, agents a short-lived socket ticket. */
@Path("/api/v1/chat/{channelId}")
@Tag(name = "chat")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatService chat;
    private final TenantContext tenant;
    private final PublicLimits limits;

    public ChatResource(ChatService chat, TenantContext tenant, PublicLimits limits) {
        this.chat = chat;
        this.tenant = tenant;
        this.limits = limits;
    }

    @POST
    @Path("/sessions")
    @PermitAll
    @Operation(summary = "Start a visitor's chat session, or resume it with the token it holds (at most 20 a minute per client address)")
    public Uni<ChatSessionView> session(@PathParam("channelId") String channelId, @Valid ChatSessionRequest request,
            @jakarta.ws.rs.core.Context HttpServerRequest http) {
        limits.chatSession(channelId, http); // 429 with Retry-After when this address opens too many
        return chat.open(channelId, request);
    }

    @POST
    @Path("/agent-tickets")
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(summary = "A ticket for the agent socket /chat/{channelId}/agent (valid two minutes, for browsers that cannot send headers on a WebSocket)")
    public Uni<Map<String, Object>> agentTicket(@PathParam("channelId") String channelId) {
        return chat.agentTicket(channelId, tenant.tenant(), tenant.username());
    }
}
