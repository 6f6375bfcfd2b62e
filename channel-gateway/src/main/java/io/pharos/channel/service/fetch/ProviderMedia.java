package io.pharos.channel.service.fetch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.attachments.ContentAddress;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.smallrye.mutiny.Uni;

/**
 * Each provider's way to hand over a customer's file, as its documentation describes it:
 * <ul>
 * <li>WhatsApp Cloud API: {@code GET {graph}/{media-id}} with the channel's bearer token gives
 * {@code {url, mime_type, sha256, file_size, id}}; {@code GET url} with the same token gives the
 * bytes, checked against Meta's {@code sha256}.</li>
 * <li>Messenger and Instagram: the attachment's {@code payload.url}, a CDN link valid for a limited time.</li>
 * <li>Telegram: {@code getFile?file_id=…} gives {@code result.file_path}, fetched from
 * {@code {api}/file/bot<token>/<file_path>}; bots may download files up to 20 MB only.</li>
 * <li>Twilio: {@code MediaUrlN} with HTTP Basic (account SID, auth token), which redirects to the content.</li>
 * <li>Phone: the voicemail's {@code recordingUrl}, with HTTP Basic when the channel has the secrets
 * {@code recordingUser} and {@code recordingPassword}.</li>
 * </ul>
 */
@ApplicationScoped
public class ProviderMedia {

    /** The Bot API's download limit (core.telegram.org/bots/api#getfile). */
    static final long TELEGRAM_MAX_BYTES = 20L * 1024 * 1024;

    private final MediaHttp http;
    private final ObjectMapper json;
    private final String graphUrl;
    private final String telegramUrl;
    private final URI twilioUrl;

    public ProviderMedia(MediaHttp http, ObjectMapper json, @ConfigProperty(name = "quarkus.rest-client.meta.url") String graphUrl,
            @ConfigProperty(name = "quarkus.rest-client.telegram.url") String telegramUrl,
            @ConfigProperty(name = "quarkus.rest-client.twilio.url") String twilioUrl) {
        this.http = http;
        this.json = json;
        this.graphUrl = trimmed(graphUrl);
        this.telegramUrl = trimmed(telegramUrl);
        this.twilioUrl = URI.create(trimmed(twilioUrl));
    }

    /** The bytes of the file {@code reference} names on the channel, at most {@code maxBytes}. */
    public Uni<byte[]> fetch(ChannelAccount channel, String reference, long maxBytes) {
        return Uni.createFrom().deferred(() -> switch (channel.type()) {
            case WHATSAPP -> whatsapp(channel, reference, maxBytes);
            case MESSENGER, INSTAGRAM -> http.download(channel.type() == ChannelType.MESSENGER ? "Messenger" : "Instagram",
                    link(reference), null, true, maxBytes);
            case TELEGRAM -> telegram(channel, reference, maxBytes);
            case SMS -> twilio(channel, reference, maxBytes);
            case PHONE -> recording(channel, reference, maxBytes);
            default -> Uni.createFrom().failure(FetchFailure.permanent("This channel does not hold files to fetch.", channel.type().name()));
        });
    }

    private Uni<byte[]> whatsapp(ChannelAccount channel, String mediaId, long maxBytes) {
        String bearer = "Bearer " + channel.secret("accessToken");
        return http.metadata(URI.create(graphUrl + "/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8)), bearer).flatMap(answer -> {
            if (answer.status() != 200) {
                return Uni.createFrom().failure(FetchFailure.ofStatus("WhatsApp", answer.status()));
            }
            JsonNode media = parse(answer.body(), "WhatsApp");
            String url = media.path("url").asText("");
            if (url.isEmpty()) {
                return Uni.createFrom().failure(FetchFailure.transientFailure("WhatsApp did not say where the file is.", "no url"));
            }
            // Meta gives file_size as a number or a string
            long announced = media.path("file_size").asLong(-1);
            if (announced > maxBytes) {
                return Uni.createFrom().failure(MediaHttp.tooLarge(maxBytes));
            }
            String expected = media.path("sha256").asText("");
            return http.download("WhatsApp", link(url), bearer, true, maxBytes).invoke(bytes -> {
                if (!expected.isEmpty() && !sameDigest(expected, bytes)) {
                    throw FetchFailure.transientFailure("The file from WhatsApp arrived damaged.", "SHA-256 differs from Meta's");
                }
            });
        });
    }

    private Uni<byte[]> telegram(ChannelAccount channel, String fileId, long maxBytes) {
        String bot = "/bot" + channel.secret("botToken");
        URI getFile = URI.create(telegramUrl + bot + "/getFile?file_id=" + URLEncoder.encode(fileId, StandardCharsets.UTF_8));
        return http.metadata(getFile, null).flatMap(answer -> {
            if (answer.status() == 400) {
                // "Bad Request: file is too big" and the like: Telegram will not hand this file to a bot
                JsonNode error = parse(answer.body(), "Telegram");
                String description = error.path("description").asText("");
                return Uni.createFrom().failure(description.toLowerCase(Locale.ROOT).contains("too big")
                        ? FetchFailure.permanent("Telegram lets bots download files up to 20 MB only; ask the customer to send it another way.",
                                description)
                        : FetchFailure.permanent("Telegram did not hand over the file.", description));
            }
            if (answer.status() != 200) {
                return Uni.createFrom().failure(FetchFailure.ofStatus("Telegram", answer.status()));
            }
            JsonNode result = parse(answer.body(), "Telegram").path("result");
            long announced = result.path("file_size").asLong(-1);
            if (announced > TELEGRAM_MAX_BYTES) {
                return Uni.createFrom().failure(FetchFailure.permanent(
                        "Telegram lets bots download files up to 20 MB only; ask the customer to send it another way.", announced + " bytes"));
            }
            if (announced > maxBytes) {
                return Uni.createFrom().failure(MediaHttp.tooLarge(maxBytes));
            }
            String path = result.path("file_path").asText("");
            if (path.isEmpty()) {
                return Uni.createFrom().failure(FetchFailure.transientFailure("Telegram did not say where the file is.", "no file_path"));
            }
            return http.download("Telegram", URI.create(telegramUrl + "/file" + bot + "/" + path.replace(" ", "%20")), null, false,
                    Math.min(maxBytes, TELEGRAM_MAX_BYTES));
        });
    }

    private Uni<byte[]> twilio(ChannelAccount channel, String mediaUrl, long maxBytes) {
        URI url = link(mediaUrl);
        // the account's credentials go only to Twilio's own API host; a link elsewhere is fetched without them
        boolean twilioHost = url.getHost() != null && url.getHost().equalsIgnoreCase(twilioUrl.getHost()) && url.getPort() == twilioUrl.getPort();
        String basic = twilioHost ? "Basic " + Base64.getEncoder().encodeToString((channel.setting("accountSid", "") + ":"
                + channel.secret("authToken")).getBytes(StandardCharsets.UTF_8)) : null;
        return http.download("Twilio", url, basic, true, maxBytes);
    }

    private Uni<byte[]> recording(ChannelAccount channel, String recordingUrl, long maxBytes) {
        URI url = link(recordingUrl);
        // the telephony system's credentials, when it asks for them, go only to the recording's own host (not along a redirect elsewhere)
        String user = channel.secret("recordingUser");
        String password = channel.secret("recordingPassword");
        String basic = user != null && password != null
                ? "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                : null;
        // the telephony system is whatever the tenant runs: its reasons name the recording's host
        return http.download(url.getHost() == null ? "The telephony system" : url.getHost(), url, basic, true, maxBytes);
    }

    private static URI link(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw FetchFailure.permanent("The file's link is not a web address.", e.getMessage());
        }
    }

    private JsonNode parse(byte[] body, String provider) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw FetchFailure.transientFailure(provider + " answered something that is not JSON.", e.getMessage());
        }
    }

    /** Meta documents the hash as hex; base64 of the digest is accepted too. */
    static boolean sameDigest(String expected, byte[] bytes) {
        String hex = ContentAddress.sha256(bytes);
        if (expected.equalsIgnoreCase(hex)) {
            return true;
        }
        return expected.equals(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
