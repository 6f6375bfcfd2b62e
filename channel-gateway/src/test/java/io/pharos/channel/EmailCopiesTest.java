package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A reply from the mailbox the customer wrote to, with the colleagues they copied in Cc and a
 * blind copy that the other recipients cannot see (through GreenMail's SMTP).
 */
@QuarkusTest
class EmailCopiesTest {

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @Test
    void ccIsAHeaderBccOnlyAnEnvelopeRecipientAndFromIsTheNamedMailbox() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "sales-" + run + "@acme.test";
        String channelId = "acme-sales-" + run;
        Map<String, Object> channel = Map.of("id", channelId, "type", "EMAIL", "name", "Acme Sales", "address", mailbox);
        given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON).body(channel).post("/api/v1/channels")
                .then().statusCode(201);
        String customer = "eleni-" + run + "@example.test";
        String colleague = "giorgos-" + run + "@example.test";
        String hidden = "audit-" + run + "@example.test";
        UUID ticket = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        MessageRequested data = new MessageRequested(requestId, ticket, 1077L, requestId, Channel.EMAIL,
                ProducerSamples.customer(UUID.randomUUID(), customer, null, null, null, null), "[#1077] Προσφορά", "Καλησπέρα σας, επισυνάπτω την προσφορά.",
                null, null, List.of(), "el", null, channelId, List.of(colleague), List.of(hidden), null, null);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, ticket.toString(), ProducerSamples.TICKET_SERVICE, "acme", data);
            KafkaEvents.Event sent = kafka.await(e -> ticket.toString().equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            EventContracts.assertValid(sent);
            assertThat(sent.cloudEvent().path("data").path("status").asText()).isEqualTo("sent");
            assertThat(sent.cloudEvent().path("data").path("emailMessageId").asText()).isEqualTo("pharos." + requestId + "@acme.test");
        }
        for (String address : List.of(customer, colleague, hidden)) {
            List<MimeMessage> inbox = Mailboxes.inbox(address, 1, Duration.ofSeconds(20));
            assertThat(inbox).as("the copy for %s", address).hasSize(1);
            MimeMessage mail = inbox.get(0);
            assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(mailbox);
            assertThat(mail.getHeader("Cc")).as("Cc names the colleague").isNotNull();
            assertThat(mail.getHeader("Cc")[0]).contains(colleague);
            assertThat(mail.getHeader("Bcc")).as("no Bcc header in the copy for %s", address).isNull();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.writeTo(raw);
            assertThat(raw.toString(StandardCharsets.UTF_8)).as("the blind copy's address appears nowhere in the mail").doesNotContain(hidden);
        }
        SendingAccountTest.disable(channel);
    }
}
