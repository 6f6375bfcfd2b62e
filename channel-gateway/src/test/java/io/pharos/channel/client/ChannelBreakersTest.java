package io.pharos.channel.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.pharos.channel.ProviderStandIn;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.messaging.ProducerSamples;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Circuit breakers per channel account, not per provider: one tenant's WhatsApp number that keeps
 * failing opens its own breaker, and another tenant's number on the same provider is still sent to
 * at once; from the topic, a reply meeting an open breaker is reported failed and dead-lettered as any
 * other failure; a provider's refusals (4xx, the customer's data) never open one; the breakers of
 * channels no longer used are dropped.
 */
@QuarkusTest
@QuarkusTestResource(value = ProviderStandIn.class, restrictToAnnotatedClass = true)
class ChannelBreakersTest {

    static final String SENT = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"306900000123\",\"wa_id\":\"306900000123\"}],"
            + "\"messages\":[{\"id\":\"%s\"}]}";

    @Inject
    ProviderSender providers;

    @Inject
    Channels channels;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    /** The stand-in for the providers, through its admin API (its URL is what the REST clients are configured with). */
    static WireMock standIn() {
        URI meta = URI.create(ConfigProvider.getConfig().getValue("quarkus.rest-client.meta.url", String.class));
        return new WireMock(meta.getHost(), meta.getPort());
    }

    /** A WhatsApp number of its own tenant. */
    static ChannelAccount whatsapp(String tenant) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new ChannelAccount(tenant + "-whatsapp-" + suffix, tenant, ChannelType.WHATSAPP, "WhatsApp " + tenant, "+302101234567",
                Map.of("phoneNumberId", "1065" + Math.abs(suffix.hashCode())), Map.of("accessToken", tenant + "-token"), Map.of(), true);
    }

    static String messages(ChannelAccount channel) {
        return "/meta/" + channel.setting("phoneNumberId", "") + "/messages";
    }

    static Throwable failure(Uni<String> send) {
        try {
            send.await().atMost(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the send went through");
    }

    @Test
    void aChannelThatKeepsFailingOpensItsOwnBreakerAndAnotherTenantsChannelIsSentToAtOnce() throws Exception {
        WireMock api = standIn();
        ChannelAccount failing = whatsapp("tenant-a");
        ChannelAccount healthy = whatsapp("tenant-b");
        api.register(post(urlEqualTo(messages(failing))).willReturn(aResponse().withStatus(500).withBody("Internal Server Error")));
        api.register(post(urlEqualTo(messages(healthy))).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(SENT.formatted("wamid.B-1"))));

        // A's provider answers 500: each send is tried 4 times (3 retries); 5 sends make the breaker's 20 calls
        List<CompletableFuture<Throwable>> sends = new ArrayList<>();
        try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5; i++) {
                sends.add(CompletableFuture.supplyAsync(() -> failure(providers.whatsapp(failing, "306900000123", "Γεια σας")), customers));
            }
            for (CompletableFuture<Throwable> send : sends) {
                assertThat(send.get()).as("a 500 is no refusal: retried, then failed as it is").isNotInstanceOf(Undeliverable.class)
                        .isNotInstanceOf(CircuitBreakerOpenException.class);
            }
        }
        int reached = api.find(postRequestedFor(urlEqualTo(messages(failing)))).size();
        assertThat(reached).as("5 sends, 4 calls each").isEqualTo(20);

        // A's breaker is open: its next send fails without reaching the provider, naming the channel
        Throwable open = failure(providers.whatsapp(failing, "306900000123", "Γεια σας"));
        assertThat(open).isInstanceOf(CircuitBreakerOpenException.class).hasMessageContaining(failing.id());
        assertThat(api.find(postRequestedFor(urlEqualTo(messages(failing))))).as("nothing reached A's provider").hasSize(reached);

        // B, another tenant's number on the same provider, is sent to at once, on the first call
        long start = System.nanoTime();
        assertThat(providers.whatsapp(healthy, "306900000123", "Καλημέρα").await().atMost(Duration.ofSeconds(10))).isEqualTo("wamid.B-1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        api.verifyThat(1, postRequestedFor(urlEqualTo(messages(healthy))));
    }

    /** A reply of {@code tenant}'s agent from its WhatsApp channel {@code channelId}, as ticket-service asks for it. */
    static UUID reply(String tenant, String channelId) {
        UUID id = UUID.randomUUID();
        MessageRequested data = new MessageRequested(id, id, 1050L, id, Channel.WHATSAPP,
                ProducerSamples.customer(UUID.randomUUID(), null, null, "306900000123", null, null), "[#1050] Παραγγελία", "Γεια σας", null,
                null, List.of(), "el", null, channelId, null, null, null, null);
        ProducerSamples.publish(ChannelEvents.MESSAGE_REQUESTED, id.toString(), ProducerSamples.TICKET_SERVICE, tenant, data);
        return id;
    }

    @Test
    void fromTheTopicAnOpenBreakerFailsTheReplyAndDeadLettersItWhileAnotherTenantsReplyIsSent() throws Throwable {
        WireMock api = standIn();
        ChannelAccount failing = whatsapp("globex");
        ChannelAccount healthy = whatsapp("initech");
        for (ChannelAccount c : List.of(failing, healthy)) {
            VertxContextSupport.subscribeAndAwait(() -> channels.add(c.id(), c.tenant(), ChannelType.WHATSAPP, c.name(), c.address(), c.settings(),
                    c.secrets(), Map.of()));
        }
        api.register(post(urlEqualTo(messages(failing))).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        api.register(post(urlEqualTo(messages(healthy))).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(SENT.formatted("wamid.INITECH-1"))));
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery", "pharos.channel.outbound.dlq")) {
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                failed.add(reply("globex", failing.id()).toString());
            }
            kafka.await(e -> failed.contains(e.key()) && "pharos.channel.message.undeliverable".equals(e.type()), 5, Duration.ofSeconds(90));
            int reached = api.find(postRequestedFor(urlEqualTo(messages(failing)))).size();
            assertThat(reached).as("5 replies, 4 calls each").isEqualTo(20);

            // the next reply from globex's number: failed and dead-lettered as any failure, without calling Meta
            String next = reply("globex", failing.id()).toString();
            List<KafkaEvents.Event> events = kafka.await(e -> next.equals(e.key()), 2, Duration.ofSeconds(30));
            events.forEach(EventContracts::assertValid);
            assertThat(events).extracting(KafkaEvents.Event::type)
                    .containsExactlyInAnyOrder("pharos.channel.message.failed", "pharos.channel.message.undeliverable");
            assertThat(events).allSatisfy(e -> assertThat(e.cloudEvent().path("data").path("reason").asText())
                    .isEqualTo("whatsapp: channel " + failing.id() + ": circuit breaker open after repeated failures"));
            assertThat(api.find(postRequestedFor(urlEqualTo(messages(failing))))).hasSize(reached);

            // initech's reply on the same provider goes out on its first call
            String other = reply("initech", healthy.id()).toString();
            KafkaEvents.Event sent = kafka.await(e -> other.equals(e.key()), 1, Duration.ofSeconds(10)).get(0);
            assertThat(sent.type()).isEqualTo("pharos.channel.message.delivered");
            assertThat(sent.cloudEvent().path("data").path("providerMessageId").asText()).isEqualTo("wamid.INITECH-1");
            api.verifyThat(1, postRequestedFor(urlEqualTo(messages(healthy))));
        }
    }

    @Test
    void aProvidersRefusalsNeverOpenTheBreaker() {
        WireMock api = standIn();
        ChannelAccount channel = whatsapp("tenant-c");
        api.register(post(urlEqualTo(messages(channel))).atPriority(5).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#131030) Recipient phone number not in allowed list\",\"type\":\"OAuthException\","
                        + "\"code\":131030,\"fbtrace_id\":\"A1\"}}")));
        // 25 customers with a wrong number: each refused once (4xx is not retried), none of it counts
        for (int i = 0; i < 25; i++) {
            assertThat(failure(providers.whatsapp(channel, "30690000" + (1000 + i), "Γεια σας"))).isInstanceOf(Undeliverable.class);
        }
        api.register(post(urlEqualTo(messages(channel))).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SENT.formatted("wamid.C-1"))));
        assertThat(providers.whatsapp(channel, "306900000123", "Καλημέρα").await().atMost(Duration.ofSeconds(10))).isEqualTo("wamid.C-1");
        api.verifyThat(26, postRequestedFor(urlEqualTo(messages(channel))));
    }

    @Test
    void theBreakersOfChannelsNoLongerUsedAreDropped() {
        AtomicLong now = new AtomicLong();
        ChannelBreakers breakers = new ChannelBreakers(now::get);
        ChannelAccount deleted = whatsapp("tenant-d");
        ChannelAccount used = whatsapp("tenant-e");
        breakers.provider(deleted, Duration.ofSeconds(1), () -> Uni.createFrom().item("x")).await().indefinitely();
        breakers.provider(used, Duration.ofSeconds(1), () -> Uni.createFrom().item("x")).await().indefinitely();
        assertThat(breakers.size()).isEqualTo(2);
        now.addAndGet(ChannelBreakers.IDLE.toNanos() / 2);
        breakers.provider(used, Duration.ofSeconds(1), () -> Uni.createFrom().item("x")).await().indefinitely();
        now.addAndGet(ChannelBreakers.IDLE.toNanos() / 2 + 1);
        breakers.provider(used, Duration.ofSeconds(1), () -> Uni.createFrom().item("x")).await().indefinitely();
        assertThat(breakers.size()).as("the idle channel's breaker is gone, the used one kept").isEqualTo(1);
        assertThatThrownBy(() -> breakers.provider(used, Duration.ofMillis(50), () -> Uni.createFrom().<String>nothing()).await().indefinitely())
                .as("the timeout is inside the breaker").isInstanceOf(org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class)
                .hasMessageContaining(used.id());
    }
}
