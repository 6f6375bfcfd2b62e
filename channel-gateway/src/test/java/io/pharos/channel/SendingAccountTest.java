package io.pharos.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * Replies leave from the account the request names (the number, page or bot the customer wrote to),
 * never silently from another; our own send is reported SENT; a provider's refusal fails the
 * delivery at once with the provider's code and message; Messenger replies carry the message tag.
 * Provider answers as documented: WhatsApp send response and Graph errors
 * (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes), Messenger
 * Send API (developers.facebook.com/docs/messenger-platform/reference/send-api), Twilio errors
 * (twilio.com/docs/usage/twilios-response), Telegram errors (core.telegram.org/bots/api#making-requests).
 */
@QuarkusTest
@QuarkusTestResource(value = ProviderStandIn.class, restrictToAnnotatedClass = true)
class SendingAccountTest {

    static final UUID CUSTOMER = UUID.randomUUID();
    static final String WHATSAPP_SENT = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"306900000123\",\"wa_id\":\"306900000123\"}],"
            + "\"messages\":[{\"id\":\"%s\"}]}";

    @Inject
    Channels channels;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @BeforeEach
    void reset() {
        ProviderStandIn.server.resetAll();
    }

    static MessageRequested request(UUID ticket, Channel channel, MessageRequested.Recipient to, String text, String channelId,
            MessageRequested.Template template, String messageTag) {
        UUID id = UUID.randomUUID();
        return new MessageRequested(id, ticket, 1050L, id, channel, to, "[#1050] Παραγγελία 55231", text, null, null, List.of(), "el", null,
                channelId, null, null, template, messageTag);
    }

    static KafkaEvents.Event publishAndAwait(KafkaEvents kafka, UUID ticket, MessageRequested data) {
        ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticket.toString(), ProducerSamples.TICKET_SERVICE, "acme", data);
        KafkaEvents.Event report = kafka.await(e -> ticket.toString().equals(e.key()), 1, Duration.ofSeconds(30)).get(0);
        EventContracts.assertValid(report);
        return report;
    }

    static Map<String, Object> whatsappChannel(String id, String phoneNumberId, boolean enabled) {
        return Map.of("id", id, "type", "WHATSAPP", "name", "Acme sales", "address", "+302101234599", "settings",
                Map.of("phoneNumberId", phoneNumberId), "secrets", Map.of("webhookSecret", id + "-secret", "accessToken", id + "-token"),
                "enabled", enabled);
    }

    static void add(Map<String, Object> channel) {
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(channel).post("/api/v1/channels").then()
                .statusCode(201);
    }

    /** Other tests send from the tenant's first WhatsApp channel: an added one does not stay enabled. */
    static void disable(Map<String, Object> channel) {
        Map<String, Object> off = new java.util.HashMap<>(channel);
        off.put("enabled", false);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(off).put("/api/v1/channels/" + channel.get("id"))
                .then().statusCode(200);
    }

    static MessageRequested.Recipient whatsapp(String number) {
        return ProducerSamples.customer(CUSTOMER, null, null, number, null, null);
    }

    @Test
    void aReplyNamingTheSecondNumberLeavesFromItAndIsReportedSent() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String second = "acme-whatsapp-sales-" + run;
        String phoneNumberId = "1065403522" + (10000 + Math.abs(run.hashCode() % 89999));
        Map<String, Object> channel = whatsappChannel(second, phoneNumberId, true);
        add(channel);
        var api = ProviderStandIn.server;
        api.stubFor(post(urlEqualTo("/meta/" + phoneNumberId + "/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(WHATSAPP_SENT.formatted("wamid.SALES-" + run))));
        UUID ticket = UUID.randomUUID();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            JsonNode report = publishAndAwait(kafka, ticket,
                    request(ticket, Channel.WHATSAPP, whatsapp("306900000123"), "Καλημέρα, εδώ το τμήμα πωλήσεων.", second, null, null))
                    .cloudEvent().path("data");
            assertThat(report.path("status").asText()).isEqualTo("sent");
            assertThat(report.path("providerMessageId").asText()).isEqualTo("wamid.SALES-" + run);
        }
        api.verify(1, postRequestedFor(urlEqualTo("/meta/" + phoneNumberId + "/messages"))
                .withHeader("Authorization", equalTo("Bearer " + second + "-token")));
        api.verify(0, postRequestedFor(urlEqualTo("/meta/106540352242922/messages")));
        disable(channel);
    }

    @Test
    void aForeignOrDisabledChannelFailsWithTheReasonAndNothingIsSent() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String disabled = "acme-whatsapp-off-" + run;
        add(whatsappChannel(disabled, "1999" + Math.abs(run.hashCode()), false));
        String foreign = "globex-wa-" + run;
        VertxContextSupport.subscribeAndAwait(() -> channels.add(foreign, "globex", ChannelType.WHATSAPP, "Globex", "+302109999999",
                Map.of("phoneNumberId", "2999"), Map.of("accessToken", "globex-token"), Map.of()));
        ProviderStandIn.server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(WHATSAPP_SENT.formatted("wamid.NEVER"))));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            for (Map.Entry<String, String> c : Map.of(foreign, "is not a channel of this tenant", disabled, "is disabled",
                    "acme-telegram", "is a telegram channel, not whatsapp").entrySet()) {
                UUID ticket = UUID.randomUUID();
                KafkaEvents.Event failed = publishAndAwait(kafka, ticket,
                        request(ticket, Channel.WHATSAPP, whatsapp("306900000123"), "Γεια σας", c.getKey(), null, null));
                assertThat(failed.type()).isEqualTo("pharos.channel.message.failed");
                assertThat(failed.cloudEvent().path("data").path("status").asText()).isEqualTo("failed");
                assertThat(failed.cloudEvent().path("data").path("reason").asText()).isEqualTo("channel " + c.getKey() + " " + c.getValue());
            }
        }
        ProviderStandIn.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aGraphErrorFailsAtOnceWithMetasCodeAndMessage() throws Exception {
        var api = ProviderStandIn.server;
        String path = "/meta/106540352242922/messages";
        api.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException","code":131030,
                        "error_data":{"messaging_product":"whatsapp","details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."},
                        "fbtrace_id":"AI5Ob3Gi5_1m1YvMzWXkF9S"}}""")));
        UUID ticket = UUID.randomUUID();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            KafkaEvents.Event failed = publishAndAwait(kafka, ticket,
                    request(ticket, Channel.WHATSAPP, whatsapp("306900000999"), "Γεια σας", null, null, null));
            assertThat(failed.type()).isEqualTo("pharos.channel.message.failed");
            JsonNode data = failed.cloudEvent().path("data");
            assertThat(data.path("code").asText()).isEqualTo("131030");
            assertThat(data.path("reason").asText()).startsWith("whatsapp: (#131030) Recipient phone number not in allowed list")
                    .contains("Add recipient phone number to recipient list");
        }
        api.verify(1, postRequestedFor(urlEqualTo(path))); // a refusal is not sent again
    }

    @Test
    void twilioAndTelegramRefusalsCarryTheirCodes() throws Exception {
        var api = ProviderStandIn.server;
        api.stubFor(post(urlEqualTo("/twilio/2010-04-01/Accounts/ACacme000000000000000000000000000/Messages.json")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"code\": 21211, \"message\": \"The 'To' number "
                        + "+3069 is not a valid phone number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}")));
        api.stubFor(post(urlPathEqualTo("/telegram/bot123456:acme-telegram-token/sendMessage")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}")));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            UUID sms = UUID.randomUUID();
            JsonNode smsReport = publishAndAwait(kafka, sms,
                    request(sms, Channel.SMS, ProducerSamples.customer(CUSTOMER, null, "+3069", null, null, null), "Γεια", null, null, null))
                    .cloudEvent().path("data");
            assertThat(smsReport.path("code").asText()).isEqualTo("21211");
            assertThat(smsReport.path("reason").asText()).isEqualTo("sms: The 'To' number +3069 is not a valid phone number.");
            UUID telegram = UUID.randomUUID();
            JsonNode telegramReport = publishAndAwait(kafka, telegram, request(telegram, Channel.TELEGRAM,
                    ProducerSamples.customer(CUSTOMER, null, null, null, "123456789", null), "Γεια", null, null, null)).cloudEvent().path("data");
            assertThat(telegramReport.path("code").asText()).isEqualTo("403");
            assertThat(telegramReport.path("reason").asText()).isEqualTo("telegram: Forbidden: bot was blocked by the user");
        }
        api.verify(1, postRequestedFor(urlPathEqualTo("/telegram/bot123456:acme-telegram-token/sendMessage")));
    }

    @Test
    void aMessengerReplyUnderTheHumanAgentTagSaysSoAndOthersAreResponses() throws Exception {
        var api = ProviderStandIn.server;
        api.stubFor(post(urlPathEqualTo("/meta/me/messages")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"recipient_id\":\"1254459154682919\",\"message_id\":\"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P\"}")));
        MessageRequested.Recipient psid = new MessageRequested.Recipient(CUSTOMER, null, null, null, null, "1254459154682919", null, null);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            UUID late = UUID.randomUUID();
            assertThat(publishAndAwait(kafka, late, request(late, Channel.MESSENGER, psid, "Συγγνώμη για την καθυστέρηση.", null, null,
                    "HUMAN_AGENT")).cloudEvent().path("data").path("status").asText()).isEqualTo("sent");
            UUID soon = UUID.randomUUID();
            publishAndAwait(kafka, soon, request(soon, Channel.MESSENGER, psid, "Αμέσως.", null, null, null));
        }
        api.verify(1, postRequestedFor(urlPathEqualTo("/meta/me/messages")).withQueryParam("access_token", equalTo("acme-messenger-token"))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"1254459154682919\"},\"message\":{\"text\":\"Συγγνώμη για την καθυστέρηση.\"},"
                        + "\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\"}")));
        api.verify(1, postRequestedFor(urlPathEqualTo("/meta/me/messages"))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"1254459154682919\"},\"message\":{\"text\":\"Αμέσως.\"},"
                        + "\"messaging_type\":\"RESPONSE\"}")));
    }
}
