package io.pharos.channel.service.provider;

import static io.pharos.channel.service.provider.ProviderPayloadsTest.JSON;
import static io.pharos.channel.service.provider.ProviderPayloadsTest.channel;
import static io.pharos.channel.service.provider.ProviderPayloadsTest.data;
import static io.pharos.channel.service.provider.ProviderPayloadsTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.provider.ProviderPayloads.Parsed;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.MessageEdited;
import io.pharos.contracts.channel.MessageReacted;
import io.pharos.contracts.channel.MessageReceived;

/**
 * The providers' documented payloads (src/test/resources/webhooks) for what is not a new customer
 * message, or more than text: statuses with the provider's code and reason, watermarks, edits,
 * reactions, buttons, the provider's own time; and payloads of another shape refused. Sources:
 * WhatsApp — developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 * (status, reaction, edit, interactive, button pages); Messenger — developers.facebook.com/documentation/
 * business-messaging/messenger-platform/webhooks/webhook-events (message-deliveries, message-reads,
 * message-edits, message-reactions, messaging_postbacks, quick replies); Telegram — core.telegram.org/bots/api
 * (Update, Message.edit_date, MessageReactionUpdated, CallbackQuery); Twilio —
 * twilio.com/docs/messaging/guides/track-outbound-message-status and twilio.com/docs/api/errors.
 */
class ProviderBehavioursTest {

    static final ChannelAccount WHATSAPP = channel("acme-whatsapp", ChannelType.WHATSAPP);
    static final ChannelAccount MESSENGER = channel("acme-messenger", ChannelType.MESSENGER);
    static final ChannelAccount TELEGRAM = channel("acme-telegram", ChannelType.TELEGRAM);

    @Test
    void whatsappFailuresKeepTheProvidersCodeAndSayWhatItMeans() throws Exception {
        Parsed p = ProviderPayloads.meta(WHATSAPP, sample("whatsapp-status-failed.json"));
        assertThat(p.messages()).isEmpty();
        assertThat(p.statuses()).containsExactly(
                new ProviderPayloads.Status("wamid.OUTFAILED0001", "failed", Instant.ofEpochSecond(1773043600),
                        "More than 24 hours have passed since the customer last wrote: only an approved template message can reach them now.",
                        "131047", "306900000458"),
                // a code without a name of ours keeps Meta's own words: title and details
                new ProviderPayloads.Status("wamid.OUTFAILED0002", "failed", Instant.ofEpochSecond(1773043601),
                        "Something went wrong: Message failed to send due to an unknown error.", "131000", "306900000459"));
        assertThat(ProviderErrors.whatsapp("131026", null, null, null)).contains("could not deliver");
        assertThat(ProviderErrors.whatsapp("132001", null, null, null)).contains("template does not exist");
    }

    @Test
    void twilioCallbacksAreStatusesWithTheirErrorCode() {
        // the parameters of a status callback (track-outbound-message-status): no Body, MessageStatus and SmsStatus
        Map<String, String> undelivered = Map.of("AccountSid", "AC00000000000000000000000000000001", "ApiVersion", "2010-04-01",
                "From", "+302101234567", "To", "+302101111111", "MessageSid", "SM00000000000000000000000000000001", "MessageStatus",
                "undelivered", "SmsSid", "SM00000000000000000000000000000001", "SmsStatus", "undelivered", "ErrorCode", "30006");
        ProviderPayloads.Status s = ProviderPayloads.twilioStatus(undelivered);
        assertThat(s.status()).isEqualTo("failed");
        assertThat(s.code()).isEqualTo("30006");
        assertThat(s.reason()).contains("landline");
        assertThat(s.recipient()).isEqualTo("+302101111111");
        assertThat(ProviderPayloads.twilioStatus(Map.of("MessageSid", "SM2", "MessageStatus", "failed", "ErrorCode", "21610")).reason())
                .contains("STOP");
        assertThat(ProviderPayloads.twilioStatus(Map.of("MessageSid", "SM3", "MessageStatus", "queued")).status()).isEqualTo("queued");
        assertThat(DeliveryStatus.of("queued")).as("an in-between state is nothing ticket-service records").isNull();
    }

    @Test
    void messengerReceiptsAreWatermarksAtTheirOwnTime() throws Exception {
        Parsed delivered = ProviderPayloads.meta(MESSENGER, sample("messenger-delivery.json"));
        assertThat(delivered.messages()).isEmpty();
        assertThat(delivered.statuses()).isEmpty(); // no mids: the watermark is all there is
        assertThat(delivered.watermarks()).containsExactly(
                new ProviderPayloads.Watermark("7788990011223344", DeliveryStatus.DELIVERED, Instant.ofEpochMilli(1773044100000L)));
        Parsed read = ProviderPayloads.meta(MESSENGER, sample("messenger-read.json"));
        assertThat(read.messages()).isEmpty();
        assertThat(read.watermarks()).containsExactly(
                new ProviderPayloads.Watermark("7788990011223344", DeliveryStatus.READ, Instant.ofEpochMilli(1773044200000L)));
        Parsed withMids = ProviderPayloads.meta(MESSENGER, JSON.readTree(sample("messenger-delivery.json").toString()
                .replace("\"delivery\":{", "\"delivery\":{\"mids\":[\"m_OUT0001\"],")));
        assertThat(withMids.statuses()).containsExactly(
                new ProviderPayloads.Status("m_OUT0001", "delivered", Instant.ofEpochMilli(1773044100000L), null));
    }

    @Test
    void editsNameTheMessageTheyChange() throws Exception {
        Inbound<?> telegram = ProviderPayloads.telegram(TELEGRAM, sample("telegram-edited.json"));
        assertThat(telegram.type()).isEqualTo(ChannelEvents.MESSAGE_EDITED);
        assertThat(telegram.conversationKey()).isEqualTo("telegram:123456789");
        // the message it edits is the one telegram-text.json brought in
        assertThat(telegram.data()).isEqualTo(new MessageEdited("acme-telegram", Channel.TELEGRAM,
                data(ProviderPayloads.telegram(TELEGRAM, sample("telegram-text.json"))).providerMessageId(), "telegram:123456789",
                ((MessageEdited) telegram.data()).from(), "Γεια σας, θέλω να αλλάξω το μέγεθος σε L", Instant.ofEpochSecond(1773044000)));
        assertThat(((MessageEdited) telegram.data()).from().telegram()).isEqualTo("123456789");
        assertThat(ProviderPayloads.telegram(TELEGRAM, JSON.readTree(sample("telegram-edited.json").toString()
                .replace("edited_message", "edited_business_message"))).type()).isEqualTo(ChannelEvents.MESSAGE_EDITED);

        Inbound<?> messenger = ProviderPayloads.meta(MESSENGER, sample("messenger-edit.json")).messages().get(0);
        assertThat(messenger.type()).isEqualTo(ChannelEvents.MESSAGE_EDITED);
        MessageEdited edit = (MessageEdited) messenger.data();
        assertThat(edit.providerMessageId()).isEqualTo("m_AbCdEf0001"); // messenger-text.json's message
        assertThat(edit.text()).isEqualTo("Is the store open on Sunday morning?");
        assertThat(edit.editedAt()).isEqualTo(Instant.ofEpochMilli(1773044300463L));
        assertThat(edit.conversationKey()).isEqualTo("messenger:7788990011223344");

        Inbound<?> whatsapp = ProviderPayloads.meta(WHATSAPP, sample("whatsapp-edit.json")).messages().get(0);
        assertThat(whatsapp.data()).isInstanceOfSatisfying(MessageEdited.class, e -> {
            assertThat(e.providerMessageId()).isEqualTo("wamid.PHOTO0001");
            assertThat(e.text()).isEqualTo("The box was crushed, order 55231");
            assertThat(e.editedAt()).isEqualTo(Instant.ofEpochSecond(1773043800));
        });
    }

    @Test
    void reactionsAndTheirRemoval() throws Exception {
        MessageReacted whatsapp = (MessageReacted) ProviderPayloads.meta(WHATSAPP, sample("whatsapp-reaction.json")).messages().get(0).data();
        assertThat(whatsapp).isEqualTo(new MessageReacted("acme-whatsapp", Channel.WHATSAPP, "wamid.OURREPLY0001", "whatsapp:306900000456",
                whatsapp.from(), "👍", Instant.ofEpochSecond(1773043700)));
        Inbound<?> removed = ProviderPayloads.meta(WHATSAPP, sample("whatsapp-reaction-removed.json")).messages().get(0);
        assertThat(removed.type()).isEqualTo(ChannelEvents.MESSAGE_REACTED);
        assertThat(((MessageReacted) removed.data()).emoji()).isNull();

        Inbound<?> love = ProviderPayloads.meta(MESSENGER, sample("messenger-reaction.json")).messages().get(0);
        assertThat(love.type()).isEqualTo(ChannelEvents.MESSAGE_REACTED);
        assertThat(((MessageReacted) love.data()).emoji()).isEqualTo("❤️");
        assertThat(((MessageReacted) love.data()).providerMessageId()).isEqualTo("m_OURREPLY0001");
        Inbound<?> unreact = ProviderPayloads.meta(MESSENGER, JSON.readTree(sample("messenger-reaction.json").toString()
                .replace("\"react\"", "\"unreact\"").replace("1773044400463", "1773044460463"))).messages().get(0);
        assertThat(((MessageReacted) unreact.data()).emoji()).isNull();
        assertThat(unreact.providerMessageId()).as("a second reaction is not a retry of the first").isNotEqualTo(love.providerMessageId());

        Inbound<?> telegram = ProviderPayloads.telegram(TELEGRAM, sample("telegram-reaction.json"));
        assertThat(telegram.data()).isInstanceOfSatisfying(MessageReacted.class, r -> {
            assertThat(r.providerMessageId()).isEqualTo("telegram:123456789:43");
            assertThat(r.emoji()).isEqualTo("👍");
            assertThat(r.at()).isEqualTo(Instant.ofEpochSecond(1773044100));
        });
        Inbound<?> cleared = ProviderPayloads.telegram(TELEGRAM, JSON.readTree(sample("telegram-reaction.json").toString()
                .replace("\"old_reaction\":[]", "\"old_reaction\":[{\"type\":\"emoji\",\"emoji\":\"👍\"}]")
                .replace("\"new_reaction\":[{\"type\":\"emoji\",\"emoji\":\"👍\"}]", "\"new_reaction\":[]")));
        assertThat(((MessageReacted) cleared.data()).emoji()).isNull();
    }

    @Test
    void buttonsListsAndQuickRepliesKeepTheirTypeAndPayload() throws Exception {
        MessageReceived list = data(ProviderPayloads.meta(WHATSAPP, sample("whatsapp-list-reply.json")).messages().get(0));
        assertThat(list.interactive()).isEqualTo(new MessageReceived.Interactive("slot-tue-am", "Tuesday morning", "list_reply", null));
        assertThat(list.text()).isEqualTo("Tuesday morning\n09:00-12:00, technician visit");
        assertThat(list.replyTo()).isEqualTo("wamid.OURLIST0001");
        MessageReceived template = data(ProviderPayloads.meta(WHATSAPP, sample("whatsapp-button.json")).messages().get(0));
        assertThat(template.interactive()).isEqualTo(new MessageReceived.Interactive("confirm-delivery-55231", "Confirm", "button", null));
        assertThat(template.text()).isEqualTo("Confirm");
        assertThat(template.sentAt()).isEqualTo(Instant.ofEpochSecond(1773044000));

        MessageReceived postback = data(ProviderPayloads.meta(MESSENGER, sample("messenger-postback.json")).messages().get(0));
        assertThat(postback.interactive()).isEqualTo(new MessageReceived.Interactive("TRACK_ORDER", "Track my order", "postback", null));
        assertThat(postback.text()).isEqualTo("Track my order");
        assertThat(postback.providerMessageId()).isEqualTo("m_POSTBACK0001");
        MessageReceived quick = data(ProviderPayloads.meta(MESSENGER, sample("messenger-quick-reply.json")).messages().get(0));
        assertThat(quick.interactive()).isEqualTo(new MessageReceived.Interactive("RESOLVED_YES", "Yes, solved", "quick_reply", null));
        assertThat(quick.sentAt()).isEqualTo(Instant.ofEpochMilli(1773044600463L));

        Inbound<?> callback = ProviderPayloads.telegram(TELEGRAM, sample("telegram-callback.json"));
        assertThat(callback.conversationKey()).isEqualTo("telegram:123456789");
        assertThat(data(callback).interactive()).isEqualTo(new MessageReceived.Interactive("resolved-yes", "Ναι, λύθηκε", "callback_query", null));
        assertThat(data(callback).text()).isEqualTo("Ναι, λύθηκε");
        assertThat(data(callback).from().telegram()).isEqualTo("123456789");
    }

    @Test
    void theProvidersOwnTimeIsSentAt() throws Exception {
        assertThat(data(ProviderPayloads.meta(WHATSAPP, sample("whatsapp-location.json")).messages().get(0)).sentAt())
                .isEqualTo(Instant.ofEpochSecond(1773043300));
        assertThat(data(ProviderPayloads.meta(MESSENGER, sample("messenger-text.json")).messages().get(0)).sentAt())
                .isEqualTo(Instant.ofEpochMilli(1773043600000L));
        MessageReceived telegram = data(ProviderPayloads.telegram(TELEGRAM, sample("telegram-text.json")));
        assertThat(telegram.sentAt()).isEqualTo(Instant.ofEpochSecond(1773043900));
        assertThat(telegram.receivedAt()).isAfter(telegram.sentAt());
    }

    @Test
    void payloadsOfAnotherShapeAreMalformed() throws Exception {
        for (String body : List.of("{\"object\":\"page\",\"entry\":{}}", "{\"object\":\"page\",\"entry\":[{\"messaging\":\"x\"}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":{}}}]}]}",
                sample("whatsapp-text.json").toString().replace("\"id\":\"wamid.", "\"wid\":\"wamid."),
                sample("whatsapp-text.json").toString().replace("\"timestamp\":\"1773043200\"", "\"timestamp\":\"yesterday\""),
                sample("whatsapp-status-failed.json").toString().replace("\"id\":\"wamid.OUTFAILED0001\",", ""),
                sample("messenger-text.json").toString().replace("\"mid\"", "\"m\""),
                sample("messenger-text.json").toString().replace("\"timestamp\":1773043600000", "\"timestamp\":{\"ms\":1}"))) {
            assertThatThrownBy(() -> ProviderPayloads.meta(WHATSAPP, JSON.readTree(body))).as(body).isInstanceOf(MalformedPayload.class);
        }
        for (String body : List.of("[]", "{\"message\":{}}", "{\"update_id\":\"x y\",\"message\":{}}",
                sample("telegram-text.json").toString().replace("\"message_id\":42,", ""),
                sample("telegram-text.json").toString().replace("\"date\":1773043900", "\"date\":\"soon\""))) {
            assertThatThrownBy(() -> ProviderPayloads.telegram(TELEGRAM, JSON.readTree(body))).as(body).isInstanceOf(MalformedPayload.class);
        }
        ChannelAccount sms = channel("acme-sms", ChannelType.SMS);
        for (Map<String, String> form : List.of(Map.of("MessageSid", "SM1", "From", "+30690", "NumMedia", "abc"),
                Map.of("MessageSid", "SM1", "From", "+30690", "NumMedia", "5", "MediaUrl0", "https://api.twilio.com/x"),
                Map.of("MessageSid", "SM1", "From", "+30690", "NumMedia", "-1"))) {
            assertThatThrownBy(() -> ProviderPayloads.twilioSms(sms, form)).as(form.toString()).isInstanceOf(MalformedPayload.class);
        }
    }
}
