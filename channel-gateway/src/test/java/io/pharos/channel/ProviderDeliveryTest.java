package io.pharos.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Replies delivered through the providers' APIs (WireMock standing in for Meta, Twilio and
 * Telegram), from the real Kafka topic to the real delivery events: retried until they go
 * through, delivered once, and dead-lettered with the reason when they never do.
 */
@QuarkusTest
@QuarkusTestResource(value = ProviderStandIn.class, restrictToAnnotatedClass = true)
class ProviderDeliveryTest {

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @BeforeEach
    void reset() {
        ProviderStandIn.server.resetAll();
    }

    /** An agent's reply as ticket-service asks for it. */
    static void request(String ticketId, String requestId, Channel channel, MessageRequested.Recipient recipient, String text) {
        MessageRequested data = ProducerSamples.reply(UUID.fromString(requestId), UUID.fromString(ticketId), 1050, channel, recipient,
                "Παραγγελία 55231", text, null, List.of(), "el");
        ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticketId, ProducerSamples.TICKET_SERVICE, "acme", data);
    }

    static final UUID CUSTOMER = UUID.randomUUID();

    @Test
    void whatsappFailingTwiceThenAcceptingIsDeliveredOnce() throws Exception {
        var api = ProviderStandIn.server;
        String path = "/meta/106540352242922/messages";
        api.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        api.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        api.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"306900000123\",\"wa_id\":\"306900000123\"}],"
                                + "\"messages\":[{\"id\":\"wamid.OUT-1\"}]}")));
        String ticket = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, requestId, Channel.WHATSAPP, ProducerSamples.customer(CUSTOMER, null, null, "306900000123", null, null),
                    "Καλημέρα Γιώργο, η παραγγελία σας στάλθηκε.");
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, Duration.ofSeconds(30)).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.type()).isEqualTo("pharos.channel.message.delivered");
            assertThat(delivered.cloudEvent().path("data").path("providerMessageId").asText()).isEqualTo("wamid.OUT-1");
            assertThat(delivered.cloudEvent().path("data").path("status").asText()).as("Meta took it; delivered comes from its status webhook")
                    .isEqualTo("sent");
            api.verify(3, postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer acme-whatsapp-token"))
                    .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"306900000123\","
                            + "\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"Καλημέρα Γιώργο, η παραγγελία σας στάλθηκε.\"}}")));
            // the same request again (a redelivery): not sent a second time
            request(ticket, requestId, Channel.WHATSAPP, ProducerSamples.customer(CUSTOMER, null, null, "306900000123", null, null),
                    "Καλημέρα Γιώργο, η παραγγελία σας στάλθηκε.");
            assertThat(kafka.during(Duration.ofSeconds(3), e -> ticket.equals(e.key()))).hasSize(1);
            api.verify(3, postRequestedFor(urlEqualTo(path)));
        }
    }

    @Test
    void smsGoesThroughTwilioWithTheAccountsCredentials() throws Exception {
        var api = ProviderStandIn.server;
        String path = "/twilio/2010-04-01/Accounts/ACacme000000000000000000000000000/Messages.json";
        api.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SMout0001\",\"status\":\"queued\"}")));
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            request(ticket, UUID.randomUUID().toString(), Channel.SMS, ProducerSamples.customer(CUSTOMER, null, "+306900000111", null, null, null),
                    "Ο τεχνικός θα έρθει αύριο 10:00.");
            KafkaEvents.Event delivered = kafka.await(e -> ticket.equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            EventContracts.assertValid(delivered);
            assertThat(delivered.cloudEvent().path("data").path("providerMessageId").asText()).isEqualTo("SMout0001");
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("ACacme000000000000000000000000000:acme-sms-secret"
                .getBytes(StandardCharsets.UTF_8));
        api.verify(1, postRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo(basic))
                .withFormParam("To", equalTo("+306900000111")).withFormParam("From", equalTo("+302101234568"))
                .withFormParam("Body", equalTo("Ο τεχνικός θα έρθει αύριο 10:00.")));
    }

    @Test
    void aProviderThatNeverAcceptsEndsInTheDeadLetterTopicWithTheReason() throws Exception {
        var api = ProviderStandIn.server;
        api.stubFor(post(urlPathEqualTo("/telegram/bot123456:acme-telegram-token/sendMessage"))
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        String ticket = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery", "pharos.channel.outbound.dlq")) {
            request(ticket, UUID.randomUUID().toString(), Channel.TELEGRAM, ProducerSamples.customer(CUSTOMER, null, null, null, "123456789", null),
                    "Hello");
            List<KafkaEvents.Event> events = kafka.await(e -> ticket.equals(e.key()), 2, Duration.ofSeconds(40));
            events.forEach(EventContracts::assertValid);
            assertThat(events).extracting(KafkaEvents.Event::type)
                    .containsExactlyInAnyOrder("pharos.channel.message.failed", "pharos.channel.message.undeliverable");
            assertThat(events).allSatisfy(e -> assertThat(e.cloudEvent().path("data").path("reason").asText()).startsWith("telegram: ")
                    .contains("502"));
        }
        api.verify(4, postRequestedFor(urlPathEqualTo("/telegram/bot123456:acme-telegram-token/sendMessage")));
    }
}
