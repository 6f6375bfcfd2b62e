package io.pharos.channel.service.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.provider.ProviderPayloads.Parsed;
import io.pharos.channel.service.security.Signatures;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;

/** Recorded provider payloads (src/test/resources/webhooks), each normalised to exactly the expected event data. */
class ProviderPayloadsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ChannelAccount channel(String id, ChannelType type) {
        return new ChannelAccount(id, "acme", type, id, null, Map.of(), Map.of("webhookSecret", id + "-secret"), Map.of(), true);
    }

    static JsonNode sample(String name) throws Exception {
        try (InputStream in = ProviderPayloadsTest.class.getResourceAsStream("/webhooks/" + name)) {
            return JSON.readTree(in);
        }
    }

    /** A message's data: every provider message is a {@code pharos.channel.message.received}. */
    static MessageReceived data(Inbound<?> m) {
        assertThat(m.type()).isEqualTo(ChannelEvents.MESSAGE_RECEIVED);
        return (MessageReceived) m.data();
    }

    static Sender from(Inbound<?> m) {
        return m.data() instanceof CallReceived call ? call.from() : data(m).from();
    }

    /** A WhatsApp attachment: its kind, name, type and media id (the others absent from the event). */
    static Attachment media(String kind, String name, String contentType, String mediaId) {
        return Attachment.media(kind, name, contentType, null, null, mediaId, null);
    }

    static List<Attachment> attachments(Inbound<?> m) {
        return m.data() instanceof CallReceived call ? call.attachments() : data(m).attachments();
    }

    static String text(Inbound<?> m) {
        return m.data() instanceof CallReceived call ? call.text() : data(m).text();
    }

    @Test
    void whatsappTextKnowsItsSenderAndConversation() throws Exception {
        Parsed p = ProviderPayloads.meta(channel("acme-whatsapp", ChannelType.WHATSAPP), sample("whatsapp-text.json"));
        assertThat(p.statuses()).isEmpty();
        Inbound<?> m = p.messages().get(0);
        assertThat(p.messages()).hasSize(1);
        assertThat(m.providerMessageId()).isEqualTo("wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0EwMUExQjE3REY3Q0Q2RjJDQjcA");
        assertThat(m.conversationKey()).isEqualTo("whatsapp:306900000123");
        assertThat(data(m).channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(data(m).channelId()).isEqualTo("acme-whatsapp");
        assertThat(data(m).text()).isEqualTo("Καλημέρα, η παραγγελία μου 55231 δεν ήρθε");
        assertThat(data(m).sentAt()).isEqualTo(Instant.ofEpochSecond(1773043200));
        assertThat(from(m).name()).isEqualTo("Γιώργος Π.");
        assertThat(from(m).whatsapp()).isEqualTo("306900000123");
    }

    @Test
    void whatsappMediaLocationAndButtons() throws Exception {
        ChannelAccount wa = channel("acme-whatsapp", ChannelType.WHATSAPP);
        Inbound<?> image = ProviderPayloads.meta(wa, sample("whatsapp-image.json")).messages().get(0);
        assertThat(data(image).text()).isEqualTo("Broken on arrival");
        assertThat(attachments(image)).singleElement()
                .isEqualTo(media("image", "image", "image/jpeg", "1234567890123456"));
        Inbound<?> location = ProviderPayloads.meta(wa, sample("whatsapp-location.json")).messages().get(0);
        assertThat(text(location)).isEmpty(); // the location travels as such, not as words
        assertThat(data(location).location()).isEqualTo(new MessageReceived.Location(37.9838, 23.7275, "Syntagma", "Athens 105 63"));
        Inbound<?> button = ProviderPayloads.meta(wa, sample("whatsapp-interactive.json")).messages().get(0);
        assertThat(data(button).text()).isEqualTo("Yes, solved");
        assertThat(data(button).replyTo()).isEqualTo("wamid.OURQUESTION");
        assertThat(data(button).interactive()).isEqualTo(new MessageReceived.Interactive("resolved-yes", "Yes, solved", "button_reply", null));
    }

    @Test
    void whatsappStatusesAreDeliveryNotMessages() throws Exception {
        Parsed p = ProviderPayloads.meta(channel("acme-whatsapp", ChannelType.WHATSAPP), sample("whatsapp-status.json"));
        assertThat(p.messages()).isEmpty();
        assertThat(p.statuses()).containsExactly(
                new ProviderPayloads.Status("wamid.OUTBOUND0001", "delivered", Instant.ofEpochSecond(1773043500), null),
                new ProviderPayloads.Status("wamid.OUTBOUND0002", "failed", Instant.ofEpochSecond(1773043501),
                        "More than 24 hours have passed since the customer last wrote: only an approved template message can reach them now.",
                        "131047", "306900000457"));
    }

    @Test
    void messengerAndInstagramAndEchoes() throws Exception {
        Inbound<?> messenger = ProviderPayloads.meta(channel("acme-messenger", ChannelType.MESSENGER), sample("messenger-text.json"))
                .messages().get(0);
        assertThat(messenger.conversationKey()).isEqualTo("messenger:7788990011223344");
        assertThat(data(messenger).text()).isEqualTo("Is the store open on Sunday?");
        assertThat(data(messenger).channel()).isEqualTo(Channel.MESSENGER);
        assertThat(from(messenger).messenger()).isEqualTo("7788990011223344");
        Inbound<?> instagram = ProviderPayloads.meta(channel("acme-instagram", ChannelType.INSTAGRAM), sample("instagram-image.json"))
                .messages().get(0);
        assertThat(data(instagram).channel()).isEqualTo(Channel.INSTAGRAM);
        assertThat(data(instagram).text()).isEqualTo("");
        assertThat(attachments(instagram)).hasSize(1);
        // our own reply echoed back by Messenger is not a customer message
        assertThat(ProviderPayloads.meta(channel("acme-messenger", ChannelType.MESSENGER), sample("messenger-echo.json")).messages()).isEmpty();
    }

    @Test
    void whatsappDocumentsAndVoiceNotesTravelAsMediaIds() throws Exception {
        ChannelAccount wa = channel("acme-whatsapp", ChannelType.WHATSAPP);
        Inbound<?> document = ProviderPayloads.meta(wa, sample("whatsapp-document.json")).messages().get(0);
        assertThat(document.conversationKey()).isEqualTo("whatsapp:306900000456");
        assertThat(data(document).text()).isEqualTo("Η απόδειξη αγοράς");
        assertThat(attachments(document)).singleElement()
                .isEqualTo(media("document", "απόδειξη-8812.pdf", "application/pdf", "2384729384729384"));
        Inbound<?> voice = ProviderPayloads.meta(wa, sample("whatsapp-voice-note.json")).messages().get(0);
        assertThat(voice.providerMessageId()).isEqualTo("wamid.HBgMMzA2OTAwMDAwMTIzFQIAEhgUM0E5OTlGQjE3REY3Q0Q2RjJDQjcA");
        assertThat(data(voice).text()).isEqualTo("");
        assertThat(data(voice).sentAt()).isEqualTo(Instant.ofEpochSecond(1773047100));
        assertThat(attachments(voice)).singleElement()
                .isEqualTo(media("voice", "voice", "audio/ogg; codecs=opus", "9876543210987654"));
    }

    @Test
    void telegramPhotoKeepsTheLargestSizeAndTheCaption() throws Exception {
        Inbound<?> t = ProviderPayloads.telegram(channel("acme-telegram", ChannelType.TELEGRAM), sample("telegram-photo.json"));
        assertThat(t.providerMessageId()).isEqualTo("telegram:555000111:57");
        assertThat(t.conversationKey()).isEqualTo("telegram:555000111");
        assertThat(data(t).text()).isEqualTo("The box was crushed like this");
        assertThat(data(t).language()).isEqualTo("en");
        assertThat(attachments(t)).singleElement()
                .isEqualTo(Attachment.media("image", "photo", "image/jpeg", 88110L, null, null, "AgACAgQAAxkBAAM5large"));
    }

    @Test
    void twilioSmsWithMedia() {
        Inbound<?> sms = ProviderPayloads.twilioSms(channel("acme-sms", ChannelType.SMS), Map.of("MessageSid", "SM0123456789abcdef",
                "From", "+306900000111", "To", "+302101234567", "Body", "Πότε θα έρθει ο τεχνικός;", "NumMedia", "1",
                "MediaUrl0", "https://api.twilio.example.test/media/ME1", "MediaContentType0", "image/png"));
        assertThat(sms.providerMessageId()).isEqualTo("SM0123456789abcdef");
        assertThat(sms.conversationKey()).isEqualTo("sms:+306900000111");
        assertThat(data(sms).text()).isEqualTo("Πότε θα έρθει ο τεχνικός;");
        assertThat(data(sms).channel()).isEqualTo(Channel.SMS);
        assertThat(attachments(sms)).singleElement().isEqualTo(
                Attachment.media("image", "media-0", "image/png", null, "https://api.twilio.example.test/media/ME1", null, null));
    }

    @Test
    void telegramTextWithTheSendersLanguage() throws Exception {
        Inbound<?> t = ProviderPayloads.telegram(channel("acme-telegram", ChannelType.TELEGRAM), sample("telegram-text.json"));
        assertThat(t.providerMessageId()).isEqualTo("telegram:123456789:42");
        assertThat(t.conversationKey()).isEqualTo("telegram:123456789");
        assertThat(data(t).text()).isEqualTo("Γεια σας, θέλω να αλλάξω το μέγεθος");
        assertThat(data(t).language()).isEqualTo("el");
        assertThat(from(t).name()).isEqualTo("Νίκος Κ.");
        assertThat(from(t).telegram()).isEqualTo("123456789");
        assertThat(ProviderPayloads.telegram(channel("acme-telegram", ChannelType.TELEGRAM), JSON.readTree("{\"update_id\": 1}"))).isNull();
    }

    @Test
    void phoneEventsBecomeCallsTheTeamCanReturn() throws Exception {
        ChannelAccount phone = channel("acme-phone", ChannelType.PHONE);
        Inbound<?> voicemail = ProviderPayloads.voice(phone, sample("voice-voicemail.json"));
        assertThat(voicemail.type()).isEqualTo(ChannelEvents.CALL_RECEIVED);
        assertThat(voicemail.providerMessageId()).isEqualTo("call:CA9f8e7d6c:voicemail");
        assertThat(text(voicemail)).contains("καλέστε με για την επιστροφή χρημάτων");
        assertThat(attachments(voicemail)).hasSize(1);
        assertThat(from(voicemail).phone()).isEqualTo("+306900000789");
        assertThat(from(voicemail).name()).isEqualTo("Anna K.");
        assertThat(text(ProviderPayloads.voice(phone, sample("voice-missed.json")))).isEqualTo("Missed call from +306900000321.");
        assertThat(text(ProviderPayloads.voice(phone, sample("voice-callback.json")))).contains("after 5pm please");
        assertThatThrownBy(() -> ProviderPayloads.voice(phone, JSON.readTree("{\"event\": \"ringing\", \"callId\": \"x\", \"from\": \"+30\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every provider's media-only messages: no text, and what came instead (issue 18: they were dead-lettered). */
    @Test
    void whatsappMediaOnlyMessagesOfEveryKind() throws Exception {
        ChannelAccount wa = channel("acme-whatsapp", ChannelType.WHATSAPP);
        Inbound<?> image = ProviderPayloads.meta(wa, sample("whatsapp-image-only.json")).messages().get(0);
        assertThat(text(image)).isEmpty();
        assertThat(attachments(image)).containsExactly(media("image", "image", "image/jpeg", "1479537139650973"));
        assertThat(attachments(ProviderPayloads.meta(wa, sample("whatsapp-video.json")).messages().get(0)))
                .containsExactly(media("video", "video", "video/mp4", "1166846181421424"));
        assertThat(attachments(ProviderPayloads.meta(wa, sample("whatsapp-sticker.json")).messages().get(0)))
                .containsExactly(media("sticker", "sticker", "image/webp", "1229862728160446"));
        Inbound<?> contact = ProviderPayloads.meta(wa, sample("whatsapp-contacts.json")).messages().get(0);
        assertThat(text(contact)).isEmpty();
        assertThat(data(contact).contact()).isEqualTo(new MessageReceived.Contact("Nikos Papadopoulos", List.of("+30 691 234 5678"),
                List.of("nikos@papadopoulos.example.test"), "Papadopoulos Electric"));
        assertThat(data(contact).attachments()).isEmpty();
    }

    @Test
    void messengerAndInstagramMediaOnly() throws Exception {
        ChannelAccount messenger = channel("acme-messenger", ChannelType.MESSENGER);
        Inbound<?> photo = ProviderPayloads.meta(messenger, sample("messenger-image.json")).messages().get(0);
        assertThat(text(photo)).isEmpty();
        assertThat(attachments(photo)).containsExactly(
                Attachment.media("image", "image", null, null, "https://scontent.example.test/v/t1.15752-9/photo_1.jpg", null, null));
        Inbound<?> sticker = ProviderPayloads.meta(messenger, sample("messenger-sticker.json")).messages().get(0);
        assertThat(attachments(sticker)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("sticker");
            assertThat(a.mediaId()).isEqualTo("369239263222822");
        });
        Inbound<?> files = ProviderPayloads.meta(messenger, sample("messenger-audio-file.json")).messages().get(0);
        assertThat(attachments(files)).extracting(Attachment::kind).containsExactly("audio", "file");
        Inbound<?> video = ProviderPayloads.meta(channel("acme-instagram", ChannelType.INSTAGRAM), sample("instagram-video.json"))
                .messages().get(0);
        assertThat(text(video)).isEmpty();
        assertThat(attachments(video)).containsExactly(
                Attachment.media("video", "video", null, null, "https://lookaside.example.test/ig_video_1.mp4", null, null));
    }

    @Test
    void telegramMediaOnlyByFileId() throws Exception {
        ChannelAccount tg = channel("acme-telegram", ChannelType.TELEGRAM);
        Inbound<?> photo = ProviderPayloads.telegram(tg, sample("telegram-photo-only.json"));
        assertThat(text(photo)).isEmpty();
        assertThat(attachments(photo)).containsExactly(Attachment.media("image", "photo", "image/jpeg", 70213L, null, null, "AgACAgQAAxkBAAM8large"));
        assertThat(attachments(ProviderPayloads.telegram(tg, sample("telegram-voice.json"))))
                .containsExactly(Attachment.media("voice", "voice", "audio/ogg", 23410L, null, null, "AwACAgQAAxkBAAM9voice"));
        assertThat(attachments(ProviderPayloads.telegram(tg, sample("telegram-sticker.json"))))
                .containsExactly(Attachment.media("sticker", "sticker 👍", "application/x-tgsticker", 31455L, null, null, "CAACAgIAAxkBAAM+sticker"));
        assertThat(attachments(ProviderPayloads.telegram(tg, sample("telegram-document.json"))))
                .containsExactly(Attachment.media("document", "receipt-4411.pdf", "application/pdf", 182044L, null, null, "BQACAgQAAxkBAAM/document"));
        Inbound<?> location = ProviderPayloads.telegram(tg, sample("telegram-location.json"));
        assertThat(text(location)).isEmpty();
        assertThat(data(location).location()).isEqualTo(new MessageReceived.Location(40.632778, 22.947222));
        Inbound<?> contact = ProviderPayloads.telegram(tg, sample("telegram-contact.json"));
        assertThat(data(contact).contact()).isEqualTo(new MessageReceived.Contact("Eleni K.", List.of("+306945556677"), null, null));
        // a service message (someone pinned a message) is nothing the customer wrote
        assertThat(ProviderPayloads.telegram(tg, JSON.readTree("{\"update_id\": 9, \"message\": {\"message_id\": 1, \"chat\": {\"id\": 5},"
                + " \"date\": 1773050800, \"pinned_message\": {\"message_id\": 0, \"date\": 0, \"chat\": {\"id\": 5}}}}"))).isNull();
    }

    @Test
    void twilioMmsWithoutBodyAndStatusCallbacks() {
        Inbound<?> mms = ProviderPayloads.twilioSms(channel("acme-sms", ChannelType.SMS), Map.of("MessageSid", "MM0123456789abcdef",
                "SmsStatus", "received", "From", "+306900000111", "To", "+302101234567", "NumMedia", "2", "MediaUrl0",
                "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "MediaContentType0", "image/jpeg",
                "MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2", "MediaContentType1", "audio/amr"));
        assertThat(text(mms)).isEmpty();
        assertThat(attachments(mms)).extracting(Attachment::kind).containsExactly("image", "audio");
        assertThat(ProviderPayloads.twilioStatus(Map.of("MessageSid", "MM1", "SmsStatus", "received", "Body", ""))).isNull();
        assertThat(ProviderPayloads.twilioStatus(Map.of("MessageSid", "SM9", "MessageStatus", "delivered", "SmsStatus", "delivered")))
                .satisfies(s -> {
                    assertThat(s.providerMessageId()).isEqualTo("SM9");
                    assertThat(s.status()).isEqualTo("delivered");
                    assertThat(s.reason()).isNull();
                });
        assertThat(ProviderPayloads.twilioStatus(Map.of("MessageSid", "SM9", "MessageStatus", "undelivered", "ErrorCode", "30003")))
                .satisfies(s -> {
                    assertThat(s.status()).isEqualTo("failed");
                    assertThat(s.code()).isEqualTo("30003");
                    assertThat(s.reason()).isEqualTo("The phone is unreachable: switched off or out of coverage.");
                });
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
