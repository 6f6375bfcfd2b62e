package io.pharos.channel.rest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.templates.TemplateStatusUpdates;
import io.pharos.channel.service.provider.MalformedPayload;
import io.pharos.channel.service.provider.ProviderPayloads;
import io.pharos.channel.service.provider.WebhookAuth;
import io.pharos.channel.service.provider.Webhooks;
import io.pharos.channel.service.security.Signatures;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.channel.CallReceived;
import io.smallrye.mutiny.Uni;

/**
 * The providers' webhooks (channel-gateway/README.md): each verifies its signature on the
 * raw body before anything is read, answers 401 and produces nothing when it does not hold, and
 * answers 200 only once every message is in Kafka (a provider retry is 200 and produces nothing).
 */
@Path("/webhooks")
@Tag(name = "webhooks")
@PermitAll // authenticated by the channel's own secret, not by a Keycloak token
public class ProviderWebhookResource {

    static final int MAX_BYTES = 1024 * 1024;

    private final Webhooks webhooks;
    private final ObjectMapper json;
    private final TemplateStatusUpdates templateStatuses;

    public ProviderWebhookResource(Webhooks webhooks, ObjectMapper json, TemplateStatusUpdates templateStatuses) {
        this.webhooks = webhooks;
        this.json = json;
        this.templateStatuses = templateStatuses;
    }

    @GET
    @Path("/meta/{channelId}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's subscription check: echo hub.challenge when hub.verify_token is the channel's secret")
    public Uni<Response> verify(@PathParam("channelId") String channelId, @QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token, @QueryParam("hub.challenge") String challenge) {
        return webhooks.channel(channelId, ChannelType.WHATSAPP, ChannelType.MESSENGER, ChannelType.INSTAGRAM).map(channel -> {
            if (!"subscribe".equals(mode) || !WebhookAuth.equalSecrets(channel.secret("webhookSecret"), token) || challenge == null) {
                throw Webhooks.unauthorized();
            }
            return Response.ok(challenge).build();
        });
    }

    @POST
    @Path("/meta/{channelId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "WhatsApp Cloud API, Messenger and Instagram messages and statuses (X-Hub-Signature-256)")
    public Uni<Map<String, Object>> meta(@PathParam("channelId") String channelId,
            @HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        return webhooks.channel(channelId, ChannelType.WHATSAPP, ChannelType.MESSENGER, ChannelType.INSTAGRAM).flatMap(channel -> {
            if (!Signatures.hubSha256(channel.secret("webhookSecret"), bounded(body), signature)) {
                throw Webhooks.unauthorized();
            }
            JsonNode payload = wellFormed(() -> object(read(body)));
            ProviderPayloads.Parsed parsed = wellFormed(() -> ProviderPayloads.meta(channel, payload));
            return webhooks.accept(channel, parsed.messages()).call(n -> webhooks.statuses(channel, parsed.statuses()))
                    .call(n -> webhooks.watermarks(channel, parsed.watermarks()))
                    .call(n -> templateStatuses.apply(channel, payload)) // field message_template_status_update
                    .map(n -> answer(n, parsed.messages().size(), parsed.statuses().size() + parsed.watermarks().size()));
        });
    }

    @POST
    @Path("/twilio/{channelId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "Twilio SMS/MMS and status callbacks (X-Twilio-Signature over the URL and the sorted parameters)")
    public Uni<Response> twilio(@PathParam("channelId") String channelId, @HeaderParam("X-Twilio-Signature") String signature,
            @Context UriInfo uri, byte[] body) {
        return webhooks.channel(channelId, ChannelType.SMS).flatMap(channel -> {
            Map<String, String> form = formOf(bounded(body));
            if (!Signatures.twilio(channel.secret("webhookSecret"), uri.getRequestUri().toString(), form, signature)) {
                throw Webhooks.unauthorized();
            }
            if (form.get("MessageSid") == null) {
                throw ProblemException.badRequest("not-a-message", "An SMS webhook needs MessageSid.");
            }
            // Twilio expects TwiML: an empty response sends nothing back to the customer
            Response empty = Response.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>").build();
            ProviderPayloads.Status status = ProviderPayloads.twilioStatus(form);
            if (status != null) { // a status callback of a message we sent (it has no Body): a delivery report, never a message
                return webhooks.statuses(channel, java.util.List.of(status)).replaceWith(empty);
            }
            if (form.get("From") == null) {
                throw ProblemException.badRequest("not-a-message", "An SMS webhook needs MessageSid and From.");
            }
            return webhooks.accept(channel, java.util.List.of(wellFormed(() -> ProviderPayloads.twilioSms(channel, form)))).map(n -> empty);
        });
    }

    @POST
    @Path("/telegram/{channelId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Telegram bot updates (X-Telegram-Bot-Api-Secret-Token)")
    public Uni<Map<String, Object>> telegram(@PathParam("channelId") String channelId,
            @HeaderParam("X-Telegram-Bot-Api-Secret-Token") String token, byte[] body) {
        return webhooks.channel(channelId, ChannelType.TELEGRAM).flatMap(channel -> {
            if (!WebhookAuth.equalSecrets(channel.secret("webhookSecret"), token)) {
                throw Webhooks.unauthorized();
            }
            Inbound<?> message = wellFormed(() -> ProviderPayloads.telegram(channel, read(bounded(body))));
            return message == null ? Uni.createFrom().item(answer(0, 0, 0))
                    : webhooks.accept(channel, java.util.List.of(message)).map(n -> answer(n, 1, 0));
        });
    }

    @POST
    @Path("/voice/{channelId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Phone events: missed call, voicemail with transcript, callback request (X-Pharos-Signature)")
    public Uni<Map<String, Object>> voice(@PathParam("channelId") String channelId, @HeaderParam("X-Pharos-Signature") String signature,
            byte[] body) {
        return webhooks.channel(channelId, ChannelType.PHONE).flatMap(channel -> {
            if (!Signatures.pharosSha256(channel.secret("webhookSecret"), bounded(body), signature)) {
                throw Webhooks.unauthorized();
            }
            JsonNode call = read(body);
            if (call.path("callId").asText("").isBlank() || call.path("from").asText("").isBlank()) {
                throw ProblemException.badRequest("not-a-call", "A phone event needs callId, from and event.");
            }
            Inbound<CallReceived> inbound;
            try {
                inbound = ProviderPayloads.voice(channel, call);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-call-event", e.getMessage());
            }
            return webhooks.accept(channel, java.util.List.of(inbound)).map(n -> answer(n, 1, 0));
        });
    }

    /** What the provider sent, read as it documents it; a payload of another shape is a 400, never a 500. */
    private static <T> T wellFormed(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (MalformedPayload e) {
            throw ProblemException.badRequest("malformed-payload", "The payload is not shaped as the provider documents it: " + e.getMessage());
        }
    }

    private static JsonNode object(JsonNode payload) {
        if (!payload.isObject()) {
            throw new MalformedPayload("the payload must be a JSON object");
        }
        return payload;
    }

    private static byte[] bounded(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("empty-body", "The webhook has no body.");
        }
        if (body.length > MAX_BYTES) {
            throw new ProblemException(413, "too-large", "Payload too large", "A webhook body may have at most " + MAX_BYTES + " bytes.");
        }
        return body;
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The body is not JSON: " + e.getMessage());
        }
    }

    static Map<String, String> formOf(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.put(k, v);
            } catch (IllegalArgumentException e) { // a % not followed by two hex digits: no provider sends that
                throw new ProblemException(400, "malformed-form", "Malformed form",
                        "The body is not application/x-www-form-urlencoded: " + e.getMessage());
            }
        }
        return form;
    }

    private static Map<String, Object> answer(int accepted, int messages, int statuses) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messages", messages);
        answer.put("accepted", accepted);
        answer.put("duplicates", messages - accepted);
        answer.put("statuses", statuses);
        return answer;
    }
}
