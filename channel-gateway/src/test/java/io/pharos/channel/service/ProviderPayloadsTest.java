package io.pharos.channel.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.ProviderPayloads.Inbound;
import io.pharos.channel.service.ProviderPayloads.Parsed;

/** Recorded provider payloads (src/test/resources/webhooks), each normalised to exactly the expected event data. */
class ProviderPayloadsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Channels.Channel channel(String id, ChannelType type) {
        return new Channels.Channel(id, "acme", type, id, null, Map.of(), Map.of("webhookSecret", id + "-secret"), Map.of(), true);
    }

    static JsonNode sample(String name) throws Exception {
        try (InputStream in = ProviderPayloadsTest.class.getResourceAsStream("/webhooks/" + name)) {
            return JSON.readTree(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> from(Inbound m) {
        return (Map<String, Object>) m.data().get("from");
    }

    @Test
    void whatsappTextKnowsItsSenderAndConversation() throws Exception {
        Parsed p = ProviderPayloads.meta(channel("acme-whatsapp", ChannelType.WHATSAPP), sample("whatsapp-text.json"));
        assertThat(p.statuses()).isEmpty();
        Inbound m = p.messages().get(0);
        assertThat(p.messages()).hasSize(1);
        assertThat(m.providerMessageId()).isEqualTo("wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0EwMUExQjE3REY3Q0Q2RjJDQjcA");
        assertThat(m.conversationKey()).isEqualTo("whatsapp:306900000123");
        assertThat(m.data()).containsEntry("channel", "whatsapp").containsEntry("channelId", "acme-whatsapp")
                .containsEntry("text", "Καλημέρα, η παραγγελία μου 55231 δεν ήρθε")
                .containsEntry("sentAt", Instant.ofEpochSecond(1773043200));
        assertThat(from(m)).containsEntry("name", "Γιώργος Π.").containsEntry("whatsapp", "306900000123");
    }

    @Test
    void whatsappMediaLocationAndButtons() throws Exception {
        Channels.Channel wa = channel("acme-whatsapp", ChannelType.WHATSAPP);
        Inbound image = ProviderPayloads.meta(wa, sample("whatsapp-image.json")).messages().get(0);
        assertThat(image.data()).containsEntry("text", "Broken on arrival");
        assertThat((List<?>) image.data().get("attachments")).singleElement()
                .isEqualTo(Map.of("name", "image", "contentType", "image/jpeg", "mediaId", "1234567890123456"));
        Inbound location = ProviderPayloads.meta(wa, sample("whatsapp-location.json")).messages().get(0);
        assertThat((String) location.data().get("text")).contains("Syntagma").contains("37.9838, 23.7275");
        assertThat(location.data()).containsEntry("location", Map.of("latitude", 37.9838, "longitude", 23.7275));
        Inbound button = ProviderPayloads.meta(wa, sample("whatsapp-interactive.json")).messages().get(0);
        assertThat(button.data()).containsEntry("text", "Yes, solved").containsEntry("replyTo", "wamid.OURQUESTION")
                .containsEntry("interactive", Map.of("id", "resolved-yes", "title", "Yes, solved"));
    }

    @Test
    void whatsappStatusesAreDeliveryNotMessages() throws Exception {
        Parsed p = ProviderPayloads.meta(channel("acme-whatsapp", ChannelType.WHATSAPP), sample("whatsapp-status.json"));
        assertThat(p.messages()).isEmpty();
        assertThat(p.statuses()).containsExactly(
                new ProviderPayloads.Status("wamid.OUTBOUND0001", "delivered", Instant.ofEpochSecond(1773043500), null),
                new ProviderPayloads.Status("wamid.OUTBOUND0002", "failed", Instant.ofEpochSecond(1773043501), "Re-engagement message"));
    }

    @Test
    void messengerAndInstagramAndEchoes() throws Exception {
        Inbound messenger = ProviderPayloads.meta(channel("acme-messenger", ChannelType.MESSENGER), sample("messenger-text.json"))
                .messages().get(0);
        assertThat(messenger.conversationKey()).isEqualTo("messenger:7788990011223344");
        assertThat(messenger.data()).containsEntry("text", "Is the store open on Sunday?").containsEntry("channel", "messenger");
        assertThat(from(messenger)).containsEntry("messenger", "7788990011223344");
        Inbound instagram = ProviderPayloads.meta(channel("acme-instagram", ChannelType.INSTAGRAM), sample("instagram-image.json"))
                .messages().get(0);
        assertThat(instagram.data()).containsEntry("channel", "instagram").containsEntry("text", "");
        assertThat((List<?>) instagram.data().get("attachments")).hasSize(1);
        // our own reply echoed back by Messenger is not a customer message
        assertThat(ProviderPayloads.meta(channel("acme-messenger", ChannelType.MESSENGER), sample("messenger-echo.json")).messages()).isEmpty();
    }

    @Test
    void whatsappDocumentsAndVoiceNotesTravelAsMediaIds() throws Exception {
        Channels.Channel wa = channel("acme-whatsapp", ChannelType.WHATSAPP);
        Inbound document = ProviderPayloads.meta(wa, sample("whatsapp-document.json")).messages().get(0);
        assertThat(document.conversationKey()).isEqualTo("whatsapp:306900000456");
        assertThat(document.data()).containsEntry("text", "Η απόδειξη αγοράς");
        assertThat((List<?>) document.data().get("attachments")).singleElement()
                .isEqualTo(Map.of("name", "απόδειξη-8812.pdf", "contentType", "application/pdf", "mediaId", "2384729384729384"));
        Inbound voice = ProviderPayloads.meta(wa, sample("whatsapp-voice-note.json")).messages().get(0);
        assertThat(voice.providerMessageId()).isEqualTo("wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0E5OTlGQjE3REY3Q0Q2RjJDQjcA");
        assertThat(voice.data()).containsEntry("text", "").containsEntry("sentAt", Instant.ofEpochSecond(1773047100));
        assertThat((List<?>) voice.data().get("attachments")).singleElement()
                .isEqualTo(Map.of("name", "audio", "contentType", "audio/ogg; codecs=opus", "mediaId", "9876543210987654"));
    }

    @Test
    void telegramPhotoKeepsTheLargestSizeAndTheCaption() throws Exception {
        Inbound t = ProviderPayloads.telegram(channel("acme-telegram", ChannelType.TELEGRAM), sample("telegram-photo.json"));
        assertThat(t.providerMessageId()).isEqualTo("telegram:881234570");
        assertThat(t.conversationKey()).isEqualTo("telegram:555000111");
        assertThat(t.data()).containsEntry("text", "The box was crushed like this").containsEntry("language", "en");
        assertThat((List<?>) t.data().get("attachments")).singleElement()
                .isEqualTo(Map.of("name", "photo", "contentType", "image/jpeg", "fileId", "AgACAgQAAxkBAAM5large"));
    }

    @Test
    void twilioSmsWithMedia() {
        Inbound sms = ProviderPayloads.twilioSms(channel("acme-sms", ChannelType.SMS), Map.of("MessageSid", "SM0123456789abcdef",
                "From", "+306900000111", "To", "+302101234567", "Body", "Πότε θα έρθει ο τεχνικός;", "NumMedia", "1",
                "MediaUrl0", "https://api.twilio.example.test/media/ME1", "MediaContentType0", "image/png"));
        assertThat(sms.providerMessageId()).isEqualTo("SM0123456789abcdef");
        assertThat(sms.conversationKey()).isEqualTo("sms:+306900000111");
        assertThat(sms.data()).containsEntry("text", "Πότε θα έρθει ο τεχνικός;").containsEntry("channel", "sms");
        assertThat((List<?>) sms.data().get("attachments")).singleElement().isEqualTo(Map.of("name", "media-0", "contentType",
                "image/png", "url", "https://api.twilio.example.test/media/ME1"));
    }

    @Test
    void telegramTextWithTheSendersLanguage() throws Exception {
        Inbound t = ProviderPayloads.telegram(channel("acme-telegram", ChannelType.TELEGRAM), sample("telegram-text.json"));
        assertThat(t.providerMessageId()).isEqualTo("telegram:881234567");
        assertThat(t.conversationKey()).isEqualTo("telegram:123456789");
        assertThat(t.data()).containsEntry("text", "Γεια σας, θέλω να αλλάξω το μέγεθος").containsEntry("language", "el");
        assertThat(from(t)).containsEntry("name", "Νίκος Κ.").containsEntry("telegram", "123456789");
        assertThat(ProviderPayloads.telegram(channel("acme-telegram", ChannelType.TELEGRAM), JSON.readTree("{\"update_id\": 1}"))).isNull();
    }

    @Test
    void phoneEventsBecomeCallsTheTeamCanReturn() throws Exception {
        Channels.Channel phone = channel("acme-phone", ChannelType.PHONE);
        Inbound voicemail = ProviderPayloads.voice(phone, sample("voice-voicemail.json"));
        assertThat(voicemail.type()).isEqualTo("pharos.channel.call.received");
        assertThat(voicemail.providerMessageId()).isEqualTo("call:CA9f8e7d6c:voicemail");
        assertThat((String) voicemail.data().get("text")).contains("καλέστε με για την επιστροφή χρημάτων");
        assertThat((List<?>) voicemail.data().get("attachments")).hasSize(1);
        assertThat(from(voicemail)).containsEntry("phone", "+306900000789").containsEntry("name", "Anna K.");
        assertThat(ProviderPayloads.voice(phone, sample("voice-missed.json")).data()).containsEntry("text", "Missed call from +306900000321.");
        assertThat((String) ProviderPayloads.voice(phone, sample("voice-callback.json")).data().get("text")).contains("after 5pm please");
        assertThatThrownBy(() -> ProviderPayloads.voice(phone, JSON.readTree("{\"event\": \"ringing\", \"callId\": \"x\", \"from\": \"+30\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signaturesHoldOnlyForTheRightSecretAndBody() {
        byte[] body = "{\"object\":\"page\"}".getBytes();
        String good = Signatures.hubSha256Header("s3cret", body);
        assertThat(Signatures.hubSha256("s3cret", body, good)).isTrue();
        assertThat(Signatures.hubSha256("other", body, good)).isFalse();
        assertThat(Signatures.hubSha256("s3cret", "{\"object\":\"pagE\"}".getBytes(), good)).isFalse();
        assertThat(Signatures.hubSha256("s3cret", body, null)).isFalse();
        assertThat(Signatures.hubSha256("s3cret", body, good.replace("sha256=", "sha1="))).isFalse();
        // the example of Twilio's request validation guide (twilio-php, docs/usage/validation)
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309", "Digits", "1234",
                "From", "+14158675309", "To", "+18005551212");
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(Signatures.twilio("12345", url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        assertThat(Signatures.twilio("12345", url + "&x=1", params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(Signatures.twilio("54321", url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }
}
