package io.pharos.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.channel.domain.Delivery;
import io.pharos.channel.service.security.Signatures;
import io.pharos.testing.KafkaEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * A provider status names a message by the provider's id, which is not unique across tenants: a
 * status arriving on one tenant's channel touches only that tenant's delivery. Statuses stay
 * distinct. A phone event with a garbage time is a 400.
 */
@QuarkusTest
class TenantScopedStatusTest {

    static void delivery(String requestId, String tenant, String ticketId, String providerMessageId) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Delivery d = new Delivery();
            d.requestId = requestId;
            d.tenant = tenant;
            d.channelId = tenant + "-whatsapp";
            d.ticketId = ticketId;
            d.status = Delivery.Status.DELIVERED;
            d.providerMessageId = providerMessageId;
            d.createdAt = d.updatedAt = Instant.now();
            return Panache.getSession().flatMap(s -> s.persist(d));
        }));
    }

    static Delivery load(String requestId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.find(Delivery.class, requestId))));
    }

    @Test
    void aStatusOnOneTenantsChannelTouchesOnlyThatTenantsDelivery() throws Throwable {
        String wamid = "wamid.SCOPED-" + UUID.randomUUID();
        String ours = UUID.randomUUID().toString();
        String theirs = UUID.randomUUID().toString();
        String ourTicket = UUID.randomUUID().toString();
        String theirTicket = UUID.randomUUID().toString();
        delivery(theirs, "globex", theirTicket, wamid);
        delivery(ours, "acme", ourTicket, wamid);
        String body = ProviderWebhookTest.sample("whatsapp-status.json").replace("wamid.OUTBOUND0001", wamid).replace("\"delivered\"", "\"read\"");
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            ProviderWebhookTest.meta("acme-whatsapp", body, Signatures.hubSha256Header("acme-whatsapp-secret", body.getBytes(StandardCharsets.UTF_8)))
                    .statusCode(200);
            KafkaEvents.Event read = kafka.await(e -> ourTicket.equals(e.key()), 1, Duration.ofSeconds(15)).get(0);
            assertThat(read.cloudEvent().path("data").path("status").asText()).isEqualTo("read");
            assertThat(read.cloudEvent().path("tenant").asText()).isEqualTo("acme");
            List<KafkaEvents.Event> leaked = kafka.during(Duration.ofSeconds(2), e -> theirTicket.equals(e.key()));
            assertThat(leaked).as("nothing about the other tenant's delivery").isEmpty();
        }
        assertThat(load(ours).status).as("read stays read, not merely delivered").isEqualTo(Delivery.Status.READ);
        assertThat(load(theirs).status).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(Delivery.Status.after(Delivery.Status.READ, Delivery.Status.SENT)).as("a late 'sent' does not undo 'read'")
                .isEqualTo(Delivery.Status.READ);
    }

    @Test
    void aPhoneEventWithAGarbageTimeIsABadRequest() throws Exception {
        for (String at : List.of("yesterday", "2026-13-45T99:99:99Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z")) {
            byte[] call = ("{\"event\":\"missed\",\"callId\":\"CA" + UUID.randomUUID() + "\",\"from\":\"+306900000789\",\"at\":\"" + at + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            given().contentType(ContentType.JSON).body(call).header("X-Pharos-Signature", Signatures.hubSha256Header("acme-phone-secret", call))
                    .when().post("/webhooks/voice/acme-phone").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:pharos:problem:invalid-call-event")).body("detail", containsString("at"));
        }
    }
}
