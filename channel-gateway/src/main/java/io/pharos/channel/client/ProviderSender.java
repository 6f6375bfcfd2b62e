package io.pharos.channel.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Sends a text on WhatsApp, Messenger, Instagram, SMS or Telegram through the provider's API with
 * the channel's credentials; answers the provider's message id (matched later with its status
 * callbacks). Each call is timed out (15 s) behind the channel's own circuit breaker ({@link ChannelBreakers}:
 * one tenant's failing account never holds back another's) and retried with exponential backoff; a
 * provider's refusal (4xx) is not retried: it fails as {@link Undeliverable} with the provider's code and message.
 */
@ApplicationScoped
public class ProviderSender {

    private final ProviderApis.Meta meta;
    private final ProviderApis.Twilio twilio;
    private final ProviderApis.Telegram telegram;
    private final ObjectMapper json;
    private final ChannelBreakers breakers;

    /** How long a provider may take to answer a message. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    public ProviderSender(@RestClient ProviderApis.Meta meta, @RestClient ProviderApis.Twilio twilio,
            @RestClient ProviderApis.Telegram telegram, ObjectMapper json, ChannelBreakers breakers) {
        this.meta = meta;
        this.twilio = twilio;
        this.telegram = telegram;
        this.json = json;
        this.breakers = breakers;
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> whatsapp(ChannelAccount channel, String to, String text) {
        ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", "text");
        body.putObject("text").put("preview_url", false).put("body", text);
        return breakers.provider(channel, TIMEOUT, () -> whatsapp(channel, body));
    }

    /**
     * A message template (the only message WhatsApp lets a business write first, or after the 24-hour window);
     * {@code template} is the message's {@code template} object ({@code name}, {@code language}, {@code components}).
     */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> whatsappTemplate(ChannelAccount channel, String to, JsonNode template) {
        ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", "template");
        body.set("template", template);
        return breakers.provider(channel, TIMEOUT, () -> whatsapp(channel, body));
    }

    /** Sent from the channel's own number ({@code phoneNumberId}) with its token. */
    private Uni<String> whatsapp(ChannelAccount channel, ObjectNode body) {
        return meta.whatsapp(channel.setting("phoneNumberId", ""), "Bearer " + channel.secret("accessToken"), body)
                .onFailure().transform(e -> ProviderErrors.refused("whatsapp", e))
                .map(r -> r.path("messages").path(0).path("id").asText(null));
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> messenger(ChannelAccount channel, String recipientId, String text, String messageTag) {
        ObjectNode body = json.createObjectNode();
        body.putObject("recipient").put("id", recipientId);
        body.putObject("message").put("text", text);
        return breakers.provider(channel, TIMEOUT, () -> messenger(channel, body, messageTag));
    }

    /**
     * A Send API message with its {@code messaging_type} (and tag); {@code body} has the recipient and the message.
     * Unguarded: the caller calls it behind the channel's breaker.
     */
    Uni<String> messenger(ChannelAccount channel, ObjectNode body, String messageTag) {
        // Send API: a reply within 24 hours is a RESPONSE; later only under a message tag (HUMAN_AGENT: up to 7 days)
        if (messageTag != null && !messageTag.isBlank()) {
            body.put("messaging_type", "MESSAGE_TAG").put("tag", messageTag);
        } else {
            body.put("messaging_type", "RESPONSE");
        }
        String provider = channel.type().name().toLowerCase();
        return meta.messenger(channel.secret("accessToken"), body).onFailure().transform(e -> ProviderErrors.refused(provider, e))
                .map(r -> r.path("message_id").asText(null));
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> sms(ChannelAccount channel, String to, String text) {
        String sid = channel.setting("accountSid", "");
        return breakers.provider(channel, TIMEOUT, () -> twilio.send(sid, twilioBasic(channel), to, channel.address(), text)
                .onFailure().transform(e -> ProviderErrors.refused("sms", e)).map(r -> r.path("sid").asText(null)));
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> telegram(ChannelAccount channel, String chatId, String text) {
        ObjectNode body = json.createObjectNode().put("chat_id", chatId).put("text", text);
        return breakers.provider(channel, TIMEOUT, () -> telegram.send(channel.secret("botToken"), body)
                .onFailure().transform(e -> ProviderErrors.refused("telegram", e)).map(r -> telegramId(r, chatId)));
    }

    /** The id inbound messages, edits and reactions use: a message id is unique only within its chat. */
    static String telegramId(JsonNode response, String chatId) {
        return "telegram:" + response.path("result").path("chat").path("id").asText(chatId) + ":"
                + response.path("result").path("message_id").asText("");
    }

    /** Twilio's HTTP basic authentication: the account SID and its auth token. */
    static String twilioBasic(ChannelAccount channel) {
        String sid = channel.setting("accountSid", "");
        return "Basic " + Base64.getEncoder().encodeToString((sid + ":" + channel.secret("authToken")).getBytes(StandardCharsets.UTF_8));
    }
}
