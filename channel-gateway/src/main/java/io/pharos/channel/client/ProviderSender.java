package io.pharos.channel.client;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pharos.channel.model.ChannelAccount;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Sends a text on WhatsApp, Messenger, Instagram, SMS or Telegram through the provider's API with
 * the channel's credentials; answers the provider's message id (matched later with its status
 * callbacks). Each call is timed out, retried with exponential backoff and guarded by a circuit
 * breaker per provider.
 */
@ApplicationScoped
public class ProviderSender {

    private final ProviderApis.Meta meta;
    private final ProviderApis.Twilio twilio;
    private final ProviderApis.Telegram telegram;
    private final ObjectMapper json;

    public ProviderSender(@RestClient ProviderApis.Meta meta, @RestClient ProviderApis.Twilio twilio,
            @RestClient ProviderApis.Telegram telegram, ObjectMapper json) {
        this.meta = meta;
        this.twilio = twilio;
        this.telegram = telegram;
        this.json = json;
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100)
    @ExponentialBackoff(maxDelay = 5_000)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.9, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Uni<String> whatsapp(ChannelAccount channel, String to, String text) {
        ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", "text");
        body.putObject("text").put("preview_url", false).put("body", text);
        return meta.whatsapp(channel.setting("phoneNumberId", ""), "Bearer " + channel.secret("accessToken"), body)
                .map(r -> r.path("messages").path(0).path("id").asText(null));
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100)
    @ExponentialBackoff(maxDelay = 5_000)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.9, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Uni<String> messenger(ChannelAccount channel, String recipientId, String text) {
        ObjectNode body = json.createObjectNode();
        body.putObject("recipient").put("id", recipientId);
        body.putObject("message").put("text", text);
        body.put("messaging_type", "RESPONSE");
        return meta.messenger(channel.secret("accessToken"), body).map(r -> r.path("message_id").asText(null));
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100)
    @ExponentialBackoff(maxDelay = 5_000)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.9, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Uni<String> sms(ChannelAccount channel, String to, String text) {
        String sid = channel.setting("accountSid", "");
        String basic = "Basic " + Base64.getEncoder().encodeToString((sid + ":" + channel.secret("authToken")).getBytes(StandardCharsets.UTF_8));
        return twilio.send(sid, basic, to, channel.address(), text).map(r -> r.path("sid").asText(null));
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100)
    @ExponentialBackoff(maxDelay = 5_000)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.9, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Uni<String> telegram(ChannelAccount channel, String chatId, String text) {
        ObjectNode body = json.createObjectNode().put("chat_id", chatId).put("text", text);
        return telegram.send(channel.secret("botToken"), body)
                .map(r -> "telegram:" + r.path("result").path("message_id").asText(""));
    }
}
