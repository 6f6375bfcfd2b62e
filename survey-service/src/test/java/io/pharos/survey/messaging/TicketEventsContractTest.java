package io.pharos.survey.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventType;
import io.pharos.contracts.ticket.CustomerCreated;
import io.pharos.contracts.ticket.CustomerSnapshot;
import io.pharos.contracts.ticket.CustomerUpdated;
import io.pharos.contracts.ticket.IdentityType;
import io.pharos.contracts.ticket.Lifecycle;
import io.pharos.contracts.ticket.Priority;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.contracts.ticket.TicketStatus;
import io.pharos.contracts.ticket.TicketStatusChanged;
import io.pharos.contracts.ticket.TicketUpdated;
import io.pharos.survey.domain.CustomerContact;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.domain.TicketState;
import io.pharos.survey.repository.InvitationRepository;
import io.pharos.survey.repository.ReplicaRepository;
import io.pharos.testing.EventContracts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The consumer against ticket-service's contract: samples of the events it consumes, built from the
 * producer's records and checked against their published schemas, go through the consumer as the
 * JSON that travels, and land in the replica and the invitations.
 */
@QuarkusTest
class TicketEventsContractTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Inject
    TicketEventsConsumer consumer;

    @Inject
    ReplicaRepository replicas;

    @Inject
    InvitationRepository invitations;

    @Inject
    ObjectMapper json;

    private final String tenant = "contract-" + UUID.randomUUID();
    private final UUID customerId = UUID.randomUUID();
    private final UUID ticketId = UUID.randomUUID();

    @Test
    void customerEventsKeepTheContact() throws Throwable {
        consume(TicketEvents.CUSTOMER_CREATED, customerId, new CustomerCreated(customer(Lifecycle.ACTIVE)));
        CustomerContact created = read(() -> replicas.customer(tenant, customerId));
        assertThat(created.language).isEqualTo("el");
        assertThat(created.lifecycle).isEqualTo("active");
        assertThat(json.readTree(created.identities).path("email").asText()).isEqualTo("eleni@example.test");

        consume(TicketEvents.CUSTOMER_CHURNED, customerId, new CustomerUpdated(customer(Lifecycle.CHURNED),
                new CustomerUpdated.Changes(null, null, null, null, null, null, Lifecycle.CHURNED, null, null)));
        assertThat(read(() -> replicas.customer(tenant, customerId)).lifecycle).isEqualTo("churned");
    }

    @Test
    void ticketEventsKeepTheReplicaAndASolveSchedulesOneInvitation() throws Throwable {
        consume(TicketEvents.TICKET_CREATED, ticketId, new TicketCreated(ticket(TicketStatus.NEW, List.of("vip")), true, null, null,
                List.of()));
        consume(TicketEvents.TICKET_UPDATED, ticketId, new TicketUpdated(ticket(TicketStatus.OPEN, List.of("billing", "vip")),
                List.of(), new TicketUpdated.Changes(null, null, List.of("billing", "vip"), null)));
        TicketState open = read(() -> replicas.ticket(tenant, ticketId));
        assertThat(open.status).isEqualTo("open");
        assertThat(open.channel).isEqualTo("chat");
        assertThat(open.tags).containsExactly("billing", "vip");
        assertThat(open.customerId).isEqualTo(customerId);
        assertThat(open.assigneeId).isEqualTo("anna");

        consume(TicketEvents.TICKET_SOLVED, ticketId, new TicketStatusChanged(ticket(TicketStatus.SOLVED, List.of("billing", "vip")),
                List.of(), TicketStatus.OPEN, TicketStatus.SOLVED, AT, "anna"));
        assertThat(read(() -> replicas.ticket(tenant, ticketId)).solved()).isTrue();
        // the tenant has no survey of its own: the default CSAT, on solve and, a chat, on its end
        List<Invitation> scheduled = read(() -> invitations.list("tenant = ?1 and ticketId = ?2", tenant, ticketId));
        assertThat(scheduled).isNotEmpty().allSatisfy(i -> assertThat(i.status).isEqualTo(Invitation.Status.SCHEDULED));
    }

    private <T> void consume(EventType<T> type, UUID key, T data) throws Throwable {
        CloudEvent<T> event = CloudEvent.of(UUID.randomUUID(), "//pharos/ticket-service", type, key.toString(), Instant.now(), tenant, data);
        String payload = json.writeValueAsString(event);
        assertThat(EventContracts.violations(json.readTree(payload))).as("a sample that keeps the producer's contract").isEmpty();
        VertxContextSupport.subscribeAndAwait(() -> consumer.consume(payload));
    }

    private <T> T read(Supplier<Uni<T>> query) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(query::get));
    }

    private CustomerSnapshot customer(Lifecycle lifecycle) {
        return new CustomerSnapshot(customerId, null, "Eleni", "el", "Europe/Athens", lifecycle, null, AT, AT,
                List.of(new CustomerSnapshot.Identity(IdentityType.EMAIL, "eleni@example.test")));
    }

    private TicketSnapshot ticket(TicketStatus status, List<String> tags) {
        Instant solvedAt = status == TicketStatus.SOLVED ? AT : null;
        return new TicketSnapshot(ticketId, 4711, null, "Order late", status, Priority.NORMAL, Channel.CHAT, customerId, "anna", "support",
                tags, "el", AT.minusSeconds(600), status == TicketStatus.NEW ? AT.minusSeconds(600) : AT, null, solvedAt, solvedAt, null,
                0);
    }
}
