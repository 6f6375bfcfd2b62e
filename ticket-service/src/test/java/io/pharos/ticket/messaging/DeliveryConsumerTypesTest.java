package io.pharos.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventJson;
import io.pharos.contracts.EventType;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.channel.MessageUndeliverable;
import io.pharos.ticket.service.ticket.DeliveryStatuses;
import io.smallrye.mutiny.Uni;

/** Which events of the delivery topic reach {@link DeliveryStatuses}, and with which status. */
class DeliveryConsumerTypesTest {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final List<String> reported = new ArrayList<>();
    private final DeliveryConsumer consumer = new DeliveryConsumer(new DeliveryStatuses(null, null, null, null) {
        @Override
        public Uni<Void> reported(String tenant, DeliveryStatuses.Report r) {
            reported.add(tenant + " " + r.messageId() + " " + r.status() + " " + r.providerMessageId() + " " + r.emailMessageId()
                    + (r.code() == null ? "" : " " + r.code() + " " + r.recipient()));
            return Uni.createFrom().voidItem();
        }
    }, JSON);

    @Test
    void deliveredAndFailedReportsAreHandedOnWithTheirStatus() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        consume(ChannelEvents.MESSAGE_DELIVERED, new DeliveryReport(a, null, Channel.WHATSAPP, DeliveryReport.DeliveryStatus.READ,
                "wamid.1", null, Instant.now(), null));
        consume(ChannelEvents.MESSAGE_FAILED, new DeliveryReport(b, null, Channel.EMAIL, DeliveryReport.DeliveryStatus.FAILED, null, null,
                null, "mailbox full"));
        assertThat(reported).containsExactly("acme " + a + " READ wamid.1 null", "acme " + b + " FAILED null null");
    }

    @Test
    void aFailureCarriesTheProvidersCodeAndTheAddressThatFailed() throws Exception {
        UUID a = UUID.randomUUID();
        consume(ChannelEvents.MESSAGE_FAILED, new DeliveryReport(a, null, Channel.EMAIL, DeliveryReport.DeliveryStatus.FAILED, null,
                "<r1@pharos.example.test>", Instant.now(), "mailbox unavailable", "5.1.1", "maria@example.test", null));
        assertThat(reported).containsExactly("acme " + a + " FAILED null <r1@pharos.example.test> 5.1.1 maria@example.test");
    }

    @Test
    void aReportWithoutStatusIsWhatItsTypeSays() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        consumer.consume(withoutStatus(ChannelEvents.MESSAGE_DELIVERED, a)).await().indefinitely();
        consumer.consume(withoutStatus(ChannelEvents.MESSAGE_FAILED, b)).await().indefinitely();
        assertThat(reported).containsExactly("acme " + a + " DELIVERED null null", "acme " + b + " FAILED null null");
    }

    @Test
    void otherTypesOnTheTopicAreSkipped() throws Exception {
        MessageRequested request = new MessageRequested(UUID.randomUUID(), UUID.randomUUID(), 1L, null, Channel.EMAIL,
                new MessageRequested.Recipient(null, "c@example.test", null, null, null, null, null, null), "s", "t", null, null, List.of(),
                null, null);
        consume(ChannelEvents.MESSAGE_UNDELIVERABLE, new MessageUndeliverable("mailbox full",
                CloudEvent.of(UUID.randomUUID(), "//pharos/ticket-service", ChannelEvents.MESSAGE_REQUESTED, "k", Instant.now(), "acme", request)));
        assertThat(reported).isEmpty();
    }

    @Test
    void aReportWithoutRequestIdOrNotJsonFails() throws Exception {
        ObjectNode event = JSON.valueToTree(envelope(ChannelEvents.MESSAGE_DELIVERED, new DeliveryReport(UUID.randomUUID(), null,
                Channel.EMAIL, DeliveryReport.DeliveryStatus.DELIVERED, null, null, null, null)));
        ((ObjectNode) event.path("data")).remove("requestId");
        assertThatThrownBy(() -> consumer.consume(JSON.writeValueAsString(event)).await().indefinitely())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> consumer.consume("{not json").await().indefinitely()).isInstanceOf(IllegalArgumentException.class);
        assertThat(reported).isEmpty();
    }

    private <T> void consume(EventType<T> type, T data) throws Exception {
        consumer.consume(JSON.writeValueAsString(envelope(type, data))).await().indefinitely();
    }

    private static String withoutStatus(EventType<DeliveryReport> type, UUID requestId) throws Exception {
        ObjectNode event = JSON.valueToTree(envelope(type, new DeliveryReport(requestId, null, Channel.EMAIL,
                DeliveryReport.DeliveryStatus.DELIVERED, null, null, null, null)));
        ((ObjectNode) event.path("data")).remove("status");
        return JSON.writeValueAsString(event);
    }

    private static <T> CloudEvent<T> envelope(EventType<T> type, T data) {
        return CloudEvent.of(UUID.randomUUID(), "//pharos/channel-gateway", type, "k", Instant.now(), "acme", data);
    }
}
