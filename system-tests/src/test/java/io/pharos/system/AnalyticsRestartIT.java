package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;
import io.pharos.contracts.ticket.AuthorKind;
import io.pharos.contracts.ticket.MessageSnapshot;
import io.pharos.contracts.ticket.Priority;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketMessageAdded;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.contracts.ticket.TicketStatus;
import io.pharos.contracts.ticket.TicketStatusChanged;
import io.pharos.contracts.ticket.Visibility;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.restassured.path.json.JsonPath;

/**
 * analytics-service killed (SIGKILL) in the middle of a stream of ticket events and started
 * again: it resumes from its committed offsets, the events it had applied but not yet committed
 * come again and change nothing, and every KPI of the day equals what the events say.
 */
class AnalyticsRestartIT {

    static final String ANALYTICS = "http://localhost:8084";
    static final int TICKETS = 1500;

    static TicketSnapshot ticket(UUID id, UUID requester, long number, TicketStatus status, Instant created, Instant updated,
            int reopens) {
        return new TicketSnapshot(id, number, null, "Restart " + number, status, Priority.NORMAL, Channel.EMAIL, requester, null,
                "restart-" + number % 3, List.of(), null, created, updated, null, null, null, null, reopens);
    }

    static MessageSnapshot message(AuthorKind author, Instant at) {
        return new MessageSnapshot(UUID.randomUUID(), author, null, Visibility.PUBLIC, Channel.EMAIL, at, false, null);
    }

    static JsonPath kpis(Instant from, Instant to) {
        return given().baseUri(ANALYTICS).auth().oauth2(KeycloakTokens.user("sofia")).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
    }

    static long volume(Instant from, Instant to) {
        Object v = kpis(from, to).get("groups[0].kpis.volume.value");
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** The day's tickets as ticket-service publishes them (source and types of the contract). */
    static void publishDay(Instant day) {
        String source = "//pharos/ticket-service";
        for (int i = 0; i < TICKETS; i++) {
            UUID id = UUID.randomUUID();
            UUID requester = UUID.randomUUID();
            String key = id.toString();
            Instant created = day.plusSeconds(i * 50L);
            Instant reply = created.plusSeconds(60L * (i % 7 + 1));
            Instant solved = created.plusSeconds(3600);
            boolean reopen = i % 5 == 0;
            KafkaEvents.publish(TicketEvents.TICKET_CREATED, key, source, "acme",
                    new TicketCreated(ticket(id, requester, i, TicketStatus.NEW, created, created, 0), false, null, null, List.of()));
            KafkaEvents.publish(TicketEvents.TICKET_MESSAGE_ADDED, key, source, "acme", new TicketMessageAdded(
                    message(AuthorKind.CUSTOMER, created), ticket(id, requester, i, TicketStatus.NEW, created, created, 0), List.of()));
            KafkaEvents.publish(TicketEvents.TICKET_MESSAGE_ADDED, key, source, "acme", new TicketMessageAdded(
                    message(AuthorKind.AGENT, reply), ticket(id, requester, i, TicketStatus.OPEN, created, reply, 0), List.of()));
            KafkaEvents.publish(TicketEvents.TICKET_STATUS_CHANGED, key, source, "acme", new TicketStatusChanged(
                    ticket(id, requester, i, TicketStatus.SOLVED, created, solved, 0), List.of(), TicketStatus.OPEN, TicketStatus.SOLVED,
                    solved, "system"));
            if (reopen) {
                Instant back = solved.plusSeconds(600);
                KafkaEvents.publish(TicketEvents.TICKET_STATUS_CHANGED, key, source, "acme", new TicketStatusChanged(
                        ticket(id, requester, i, TicketStatus.OPEN, created, back, 1), List.of(), TicketStatus.SOLVED, TicketStatus.OPEN,
                        back, "system"));
            }
        }
    }

    @Test
    void killedMidStreamAndRestartedItCountsEveryEventExactlyOnce() throws Exception {
        // a day of its own, years back, so that nothing else lands in it (whole UTC hours)
        Instant day = Instant.parse("2021-01-04T00:00:00Z").plus(new java.util.Random().nextInt(1000), ChronoUnit.DAYS);
        Instant end = day.plus(1, ChronoUnit.DAYS);
        List<Long> frt = new ArrayList<>();
        long fcr = 0;
        long reopened = 0;
        for (int i = 0; i < TICKETS; i++) {
            frt.add(60L * (i % 7 + 1));
            if (i % 5 == 0) {
                reopened++;
            } else {
                fcr++;
            }
        }
        // published from another thread while the service applies them, and while it is down
        Thread publisher = new Thread(() -> publishDay(day));
        publisher.start();

        // kill it while it is still applying them
        long seen = Journeys.await(() -> volume(day, end), applied -> applied >= TICKETS / 10, Duration.ofSeconds(120));
        assertThat(seen).as("analytics-service applies the stream").isPositive();
        long atKill = volume(day, end);
        SuiteRuntime.crashAndRestart("analytics-service");
        System.out.println("analytics-service killed with " + atKill + " of " + TICKETS + " tickets of the day applied");

        publisher.join(180_000);
        Journeys.await(() -> volume(day, end), applied -> applied >= TICKETS, Duration.ofSeconds(180));
        // the redelivered tail settles: for two seconds more it must change nothing
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250)).until(() -> volume(day, end) == TICKETS);
        JsonPath k = kpis(day, end);
        String all = "groups[0].kpis.";
        assertThat(k.getDouble(all + "volume.value")).isEqualTo(TICKETS);
        assertThat(k.getLong(all + "firstResponseTime.calendar.count")).isEqualTo(TICKETS);
        assertThat(k.getDouble(all + "firstResponseTime.calendar.value"))
                .isCloseTo(frt.stream().mapToLong(Long::longValue).average().orElseThrow(), within(1e-6));
        assertThat(k.getLong(all + "fcr.count")).as("solved once each").isEqualTo(TICKETS);
        assertThat(k.getDouble(all + "fcr.value")).isCloseTo(fcr * 100.0 / TICKETS, within(1e-9));
        assertThat(k.getDouble(all + "reopenRate.value")).isCloseTo(reopened * 100.0 / TICKETS, within(1e-9));
        // backlog counts every open ticket: the day added the reopened ones to what was open before it
        double backlogBefore = kpis(day.minus(1, ChronoUnit.HOURS), day).getDouble(all + "backlog.value");
        assertThat(k.getDouble(all + "backlog.value") - backlogBefore).as("the reopened ones are open at the end of the day")
                .isEqualTo((double) reopened);
    }
}
