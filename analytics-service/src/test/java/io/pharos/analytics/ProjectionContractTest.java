package io.pharos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.service.projection.Projections;
import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventType;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.survey.SurveyEvents;
import io.pharos.contracts.survey.SurveyResponded;
import io.pharos.contracts.survey.SurveyType;
import io.pharos.contracts.ticket.AgentAvailability;
import io.pharos.contracts.ticket.AgentAvailabilityChanged;
import io.pharos.contracts.ticket.AuthorKind;
import io.pharos.contracts.ticket.CalendarUpdated;
import io.pharos.contracts.ticket.CustomerCreated;
import io.pharos.contracts.ticket.CustomerSnapshot;
import io.pharos.contracts.ticket.IdentityType;
import io.pharos.contracts.ticket.Lifecycle;
import io.pharos.contracts.ticket.MessageSnapshot;
import io.pharos.contracts.ticket.Priority;
import io.pharos.contracts.ticket.SlaClockSnapshot;
import io.pharos.contracts.ticket.SlaState;
import io.pharos.contracts.ticket.SlaTarget;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketMessageAdded;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.contracts.ticket.TicketStatus;
import io.pharos.contracts.ticket.TicketStatusChanged;
import io.pharos.contracts.ticket.Visibility;
import io.pharos.contracts.ticket.Weekday;
import io.pharos.testing.EventContracts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumer side of the event contracts: a sample of every event type analytics projects, built
 * from the producers' records and valid against the published schema, read back through
 * {@link IncomingEvent} and applied — each lands in the facts it feeds.
 */
@QuarkusTest
class ProjectionContractTest {

    static final Instant CREATED = Instant.parse("2026-02-10T09:00:00Z");

    @Inject
    Projections projections;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    final String tenant = "contract-" + UUID.randomUUID();

    <T> boolean apply(EventType<T> type, String subject, T data) throws Exception {
        JsonNode event = json.valueToTree(CloudEvent.of(UUID.randomUUID(), "//pharos/test", type, subject, Instant.now(), tenant, data));
        assertThat(EventContracts.violations(event)).as("%s keeps its schema: %s", type, event).isEmpty();
        return projections.apply(type.topic(), IncomingEvent.of(json, event)).await().atMost(Duration.ofSeconds(30));
    }

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    static TicketSnapshot ticket(UUID id, TicketStatus status, Instant updated) {
        return new TicketSnapshot(id, 42, null, "Where is my parcel?", status, Priority.HIGH, Channel.CHAT, UUID.randomUUID(), "agent-anna", "billing",
                List.of(), "en", CREATED, updated, null, null, null, null, 0);
    }

    static List<SlaClockSnapshot> firstResponseMet(Instant at) {
        return List.of(new SlaClockSnapshot(SlaTarget.FIRST_RESPONSE, UUID.randomUUID(), "Standard", SlaState.MET, CREATED.plusSeconds(3600), at, false,
                at));
    }

    @Test
    void everyEventTypeAnalyticsProjectsIsReadFromItsRecordIntoTheFacts() throws Exception {
        UUID ticketId = UUID.randomUUID();
        Instant reply = CREATED.plusSeconds(600);
        Instant solved = CREATED.plusSeconds(3000);
        CalendarUpdated.Calendar calendar = new CalendarUpdated.Calendar(UUID.randomUUID(), "Office", "Europe/Athens", false,
                List.of(new CalendarUpdated.Interval(Weekday.TUESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                List.of(new CalendarUpdated.Holiday(LocalDate.parse("2026-03-25"), true, "Independence Day")), true, CREATED, CREATED);
        assertThat(apply(TicketEvents.CALENDAR_UPDATED, calendar.id().toString(), new CalendarUpdated(calendar, false))).isTrue();

        TicketCreated created = new TicketCreated(ticket(ticketId, TicketStatus.NEW, CREATED), true, null, null, List.of());
        assertThat(apply(TicketEvents.TICKET_CREATED, ticketId.toString(), created)).isTrue();
        MessageSnapshot question = new MessageSnapshot(UUID.randomUUID(), AuthorKind.CUSTOMER, null, Visibility.PUBLIC, Channel.CHAT, CREATED, false,
                null);
        apply(TicketEvents.TICKET_MESSAGE_ADDED, ticketId.toString(), new TicketMessageAdded(question, ticket(ticketId, TicketStatus.NEW, CREATED), List.of()));
        MessageSnapshot message = new MessageSnapshot(UUID.randomUUID(), AuthorKind.AGENT, "agent-anna", Visibility.PUBLIC, Channel.CHAT, reply, true,
                null);
        apply(TicketEvents.TICKET_MESSAGE_ADDED, ticketId.toString(),
                new TicketMessageAdded(message, ticket(ticketId, TicketStatus.OPEN, reply), firstResponseMet(reply)));
        apply(TicketEvents.TICKET_STATUS_CHANGED, ticketId.toString(), new TicketStatusChanged(ticket(ticketId, TicketStatus.SOLVED, solved),
                firstResponseMet(reply), TicketStatus.OPEN, TicketStatus.SOLVED, solved, "agent-anna"));

        UUID customerId = UUID.randomUUID();
        apply(TicketEvents.CUSTOMER_CREATED, customerId.toString(), new CustomerCreated(new CustomerSnapshot(customerId, null, "Anna", "el",
                "Europe/Athens", Lifecycle.ACTIVE, null, CREATED, CREATED, List.of(new CustomerSnapshot.Identity(IdentityType.EMAIL, "anna@example.com")))));
        apply(TicketEvents.AGENT_AVAILABILITY_CHANGED, "agent-anna", new AgentAvailabilityChanged(new AgentAvailabilityChanged.Agent("agent-anna-" + tenant,
                "anna", "billing", AgentAvailability.ONLINE, true, CREATED)));
        UUID responseId = UUID.randomUUID();
        apply(SurveyEvents.SURVEY_RESPONDED, ticketId.toString(), new SurveyResponded(responseId, UUID.randomUUID(), UUID.randomUUID(), SurveyType.CSAT,
                1, 5, 5, 10.0, ticketId, customerId, "agent-anna", "billing", null, null, null, List.of(), null, solved.plusSeconds(60)));

        assertThat(count("SELECT count(*) FROM calendar_replica WHERE tenant = $1 AND is_default", tenant)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ticket_fact WHERE ticket_id = $1 AND channel = 'chat' AND status = 'solved' AND priority = 'high'"
                + " AND team = 'billing' AND assignee = 'agent-anna'", ticketId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM message_fact WHERE ticket_id = $1 AND author_kind IN ('agent', 'customer') AND visibility = 'public'", ticketId))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM status_fact WHERE ticket_id = $1 AND status IN ('new', 'solved')", ticketId)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM sla_fact WHERE ticket_id = $1 AND target = 'first_response' AND state = 'met'", ticketId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contribution WHERE ticket_id = $1 AND metric = 'firstResponseTime'", ticketId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM customer_fact WHERE customer_id = $1 AND tenant = $2", customerId, tenant)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM agent_presence WHERE tenant = $1 AND availability = 'online' AND active", tenant)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM survey_fact WHERE response_id = $1 AND type = 'csat' AND channel = 'chat'", responseId)).isEqualTo(1);
    }

    @Test
    void anEventAppliedBeforeChangesNothingTheSecondTime() throws Exception {
        UUID ticketId = UUID.randomUUID();
        JsonNode event = json.valueToTree(CloudEvent.of(UUID.randomUUID(), "//pharos/test", TicketEvents.TICKET_CREATED, ticketId.toString(),
                Instant.now(), tenant, new TicketCreated(ticket(ticketId, TicketStatus.NEW, CREATED), false, null, null, List.of())));
        assertThat(projections.apply(TicketEvents.TICKET_CREATED.topic(), IncomingEvent.of(json, event)).await().atMost(Duration.ofSeconds(30))).isTrue();
        assertThat(projections.apply(TicketEvents.TICKET_CREATED.topic(), IncomingEvent.of(json, event)).await().atMost(Duration.ofSeconds(30))).isFalse();
    }
}
