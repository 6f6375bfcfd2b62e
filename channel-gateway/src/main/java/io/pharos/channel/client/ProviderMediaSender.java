package io.pharos.channel.client;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Files through the providers' APIs, one call per step (an upload, one media message), each
 * timed out, retried and behind the channel's circuit breaker like {@link ProviderSender}; a provider's refusal
 * of a file (4xx) is not retried and fails as {@link Undeliverable} with the provider's code.
 * Media uploads take more time than a text: 60 seconds per call.
 */
@ApplicationScoped
public class ProviderMediaSender {

    private final ProviderApis.Meta meta;
    private final ProviderApis.Twilio twilio;
    private final ProviderApis.Telegram telegram;
    private final ProviderSender texts;
    private final ObjectMapper json;
    private final ChannelBreakers breakers;

    /** How long a provider may take to take a file. */
    static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);

    public ProviderMediaSender(@RestClient ProviderApis.Meta meta, @RestClient ProviderApis.Twilio twilio,
            @RestClient ProviderApis.Telegram telegram, ProviderSender texts, ObjectMapper json, ChannelBreakers breakers) {
        this.meta = meta;
        this.twilio = twilio;
        this.telegram = telegram;
        this.texts = texts;
        this.json = json;
        this.breakers = breakers;
    }

    /** WhatsApp Cloud API {@code POST /{phone-number-id}/media}: the media id to send the file under (kept by Meta for 30 days). */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> whatsappUpload(ChannelAccount channel, OutgoingFile file) {
        ClientMultipartForm form = ClientMultipartForm.create().attribute("messaging_product", "whatsapp", null)
                .attribute("type", file.mediaType(), null)
                .binaryFileUpload("file", file.fileName(), Buffer.buffer(file.content()), file.mediaType());
        return breakers.provider(channel, UPLOAD_TIMEOUT, () -> meta.whatsappMedia(channel.setting("phoneNumberId", ""),
                "Bearer " + channel.secret("accessToken"), form)
                .onFailure().transform(e -> ProviderErrors.refused("whatsapp", e))
                .map(r -> r.path("id").asText(null))
                .onItem().ifNull().failWith(() -> new Undeliverable("whatsapp: the media upload of " + file.fileName() + " answered no id")));
    }

    /**
     * A media message of an uploaded file: {@code kind} image, audio, video or document; a document
     * carries its file name; {@code caption} may be null (audio has none).
     */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> whatsappMedia(ChannelAccount channel, String to, String kind, String mediaId, String caption, String fileName) {
        ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", kind);
        ObjectNode media = body.putObject(kind).put("id", mediaId);
        if (caption != null) {
            media.put("caption", caption);
        }
        if ("document".equals(kind)) {
            media.put("filename", fileName);
        }
        return breakers.provider(channel, ProviderSender.TIMEOUT, () -> meta.whatsapp(channel.setting("phoneNumberId", ""),
                "Bearer " + channel.secret("accessToken"), body)
                .onFailure().transform(e -> ProviderErrors.refused("whatsapp", e))
                .map(r -> r.path("messages").path(0).path("id").asText(null)));
    }

    /** Telegram: the file uploaded with sendPhoto, sendVoice, sendAudio, sendVideo or sendDocument ({@link MediaKinds#telegram}). */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> telegram(ChannelAccount channel, String chatId, OutgoingFile file, String caption) {
        MediaKinds.TelegramMethod method = MediaKinds.telegram(file);
        ClientMultipartForm form = ClientMultipartForm.create().attribute("chat_id", chatId, null);
        if (caption != null) {
            form.attribute("caption", caption, null);
        }
        form.binaryFileUpload(method.field(), file.fileName(), Buffer.buffer(file.content()), file.mediaType());
        return breakers.provider(channel, UPLOAD_TIMEOUT, () -> telegram.sendFile(channel.secret("botToken"), method.method(), form)
                .onFailure().transform(e -> ProviderErrors.refused("telegram", e))
                .map(r -> ProviderSender.telegramId(r, chatId)));
    }

    /** Messenger Send API with the file uploaded as {@code filedata} (a message carries one attachment and no text). */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> messenger(ChannelAccount channel, String recipientId, OutgoingFile file, String messageTag) {
        ObjectNode message = json.createObjectNode();
        message.putObject("attachment").put("type", MediaKinds.meta(file.mediaType())).putObject("payload").put("is_reusable", false);
        ClientMultipartForm form = ClientMultipartForm.create()
                .attribute("recipient", json.createObjectNode().put("id", recipientId).toString(), null)
                .attribute("message", message.toString(), null);
        boolean tagged = messageTag != null && !messageTag.isBlank();
        form.attribute("messaging_type", tagged ? "MESSAGE_TAG" : "RESPONSE", null);
        if (tagged) {
            form.attribute("tag", messageTag, null);
        }
        form.binaryFileUpload("filedata", file.fileName(), Buffer.buffer(file.content()), file.mediaType());
        return breakers.provider(channel, UPLOAD_TIMEOUT, () -> meta.messengerUpload(channel.secret("accessToken"), form)
                .onFailure().transform(e -> ProviderErrors.refused("messenger", e)).map(r -> r.path("message_id").asText(null)));
    }

    /** Instagram (and Messenger by URL): an attachment the provider fetches from {@code url}. */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> byLink(ChannelAccount channel, String recipientId, String contentType, String url, String messageTag) {
        ObjectNode body = json.createObjectNode();
        body.putObject("recipient").put("id", recipientId);
        body.putObject("message").putObject("attachment").put("type", MediaKinds.meta(contentType)).putObject("payload").put("url", url);
        return breakers.provider(channel, ProviderSender.TIMEOUT, () -> texts.messenger(channel, body, messageTag));
    }

    /** Twilio MMS: the text with one {@code MediaUrl} per file (Twilio fetches them; at most 10). */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, abortOn = Undeliverable.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public Uni<String> mms(ChannelAccount channel, String to, String text, List<String> mediaUrls) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("To", to);
        form.add("From", channel.address());
        if (text != null && !text.isBlank()) {
            form.add("Body", text);
        }
        mediaUrls.forEach(url -> form.add("MediaUrl", url));
        return breakers.provider(channel, ProviderSender.TIMEOUT, () -> twilio.send(channel.setting("accountSid", ""),
                ProviderSender.twilioBasic(channel), form)
                .onFailure().transform(e -> ProviderErrors.refused("sms", e))
                .map(r -> r.path("sid").asText(null)));
    }
}
