package io.pharos.channel.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.email.InboundEmails;
import io.pharos.channel.service.provider.WebhookAuth;
import io.pharos.commons.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Raw RFC 822 mail pushed by a mail provider (or a relay): {@code POST /webhooks/email/{channelId}}
 * with HTTP Basic {@code <channelId>:<secret>}. Answered only once the message is in Kafka.
 */
@Path("/webhooks/email/{channelId}")
@Tag(name = "webhooks")
@PermitAll // authenticated by the channel's own secret, not by a Keycloak token
public class EmailWebhookResource {

    static final int MAX_BYTES = 10 * 1024 * 1024;

    private final Channels channels;
    private final InboundEmails emails;

    public EmailWebhookResource(Channels channels, InboundEmails emails) {
        this.channels = channels;
        this.emails = emails;
    }

    @POST
    @Consumes({ "message/rfc822", MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive one email as raw MIME; 200 with accepted, duplicate, ignored (auto-reply, bounce of no reply of ours)"
            + " or bounce-recorded (a reply of ours failed: reported as pharos.channel.message.failed)")
    public Uni<Response> receive(@PathParam("channelId") String channelId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            byte[] body) {
        return channels.get(channelId).flatMap(channel -> {
            // an unknown channel and a wrong secret look the same from outside
            if (channel == null || channel.type() != ChannelType.EMAIL || !channel.enabled()
                    || !WebhookAuth.basic(authorization, channelId, channel.secret("webhookSecret"))) {
                return Uni.createFrom().failure(new ProblemException(401, "invalid-credentials", "Unauthorized",
                        "Authenticate with HTTP Basic <channelId>:<webhook secret>."));
            }
            if (body == null || body.length == 0) {
                return Uni.createFrom().failure(ProblemException.badRequest("empty-body", "Send the message as message/rfc822."));
            }
            if (body.length > MAX_BYTES) {
                return Uni.createFrom().failure(new ProblemException(413, "too-large", "Payload too large",
                        "A message may have at most " + MAX_BYTES + " bytes."));
            }
            return emails.accept(channel, body).map(result -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", switch (result.outcome()) {
                    case ACCEPTED -> "accepted";
                    case DUPLICATE -> "duplicate";
                    case IGNORED_AUTO_REPLY -> "ignored-auto-reply";
                    case IGNORED_BOUNCE -> "ignored-bounce";
                    case BOUNCE_RECORDED -> "bounce-recorded";
                });
                answer.put("providerMessageId", result.providerMessageId());
                answer.put("eventId", result.eventId());
                return Response.ok(answer).build();
            });
        });
    }
}
