package io.pharos.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pharos.analytics.model.Contributions.Message;
import io.pharos.analytics.model.Contributions.Metric;
import io.pharos.analytics.model.Contributions.Point;
import io.pharos.analytics.model.Contributions.StatusChange;
import io.pharos.analytics.model.Contributions.Ticket;

class ContributionsTest {

    static final Instant CREATED = Instant.parse("2026-03-02T09:10:00Z");

    static Instant at(String time) {
        return Instant.parse("2026-03-" + time + ":00Z");
    }

    static List<Point> of(Metric metric, List<Point> points) {
        return points.stream().filter(p -> p.metric() == metric).toList();
    }

    @Test
    void firstResponseAndRepliesCountFromTheFirstUnansweredCustomerMessage() {
        Ticket t = new Ticket(CREATED, false, List.of(new Message("customer", "public", CREATED),
                new Message("agent", "internal", at("02T09:20")), // a note is not a reply
                new Message("agent", "public", at("02T09:40")),
                new Message("customer", "public", at("02T10:00")), new Message("customer", "public", at("02T10:05")),
                new Message("agent", "public", at("02T11:00"))),
                List.of(new StatusChange("new", CREATED), new StatusChange("open", at("02T09:40"))));
        List<Point> points = Contributions.of(t, Calendars.FALLBACK);
        assertThat(of(Metric.FRT, points)).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(30 * 60);
            assertThat(p.bucket()).isEqualTo(at("02T09:00"));
        });
        assertThat(of(Metric.REPLY_TIME, points)).extracting(Point::value).containsExactly(1800.0, 3600.0);
        assertThat(of(Metric.BACKLOG, points)).extracting(Point::value).containsExactly(1.0);
        assertThat(of(Metric.FCR, points)).isEmpty(); // never solved: no FCR data point
    }

    @Test
    void durationsKeepTheirFractionOfASecond() {
        // a chat answered 1.564457 s after it came in, solved 65.25 s after: not 1 s and 65 s
        Instant created = Instant.parse("2026-03-02T09:10:09.635Z");
        Ticket t = new Ticket(created, false, List.of(new Message("customer", "public", created),
                new Message("agent", "public", Instant.parse("2026-03-02T09:10:11.199457Z"))),
                List.of(new StatusChange("new", created), new StatusChange("solved", Instant.parse("2026-03-02T09:11:14.885Z"))));
        List<Point> points = Contributions.of(t, Calendars.FALLBACK);
        assertThat(of(Metric.FRT, points)).singleElement().extracting(Point::value).isEqualTo(1.564457);
        assertThat(of(Metric.FIRST_RESOLUTION, points)).singleElement().extracting(Point::value).isEqualTo(65.25);
        assertThat(of(Metric.FRT_BUSINESS, points)).singleElement().extracting(Point::value).isEqualTo(1.564457);
    }

    @Test
    void aProactiveTicketHasNoFirstResponseTime() {
        Ticket t = new Ticket(CREATED, false, List.of(new Message("agent", "public", CREATED), new Message("customer", "public", at("02T12:00")),
                new Message("agent", "public", at("02T12:30"))), List.of(new StatusChange("new", CREATED)));
        List<Point> points = Contributions.of(t, Calendars.FALLBACK);
        assertThat(of(Metric.FRT, points)).isEmpty();
        assertThat(of(Metric.REPLY_TIME, points)).extracting(Point::value).containsExactly(1800.0);
    }

    @Test
    void aReopenWithdrawsTheFullResolutionOfTheSolveBeforeItAndSpoilsFcr() {
        Ticket t = new Ticket(CREATED, true, List.of(new Message("customer", "public", CREATED), new Message("agent", "public", at("02T10:10"))),
                List.of(new StatusChange("new", CREATED), new StatusChange("open", at("02T10:10")), new StatusChange("solved", at("02T11:10")),
                        new StatusChange("open", at("03T08:30")), new StatusChange("solved", at("03T09:10")),
                        new StatusChange("closed", at("07T09:10"))));
        List<Point> points = Contributions.of(t, Calendars.FALLBACK);
        assertThat(of(Metric.FULL_RESOLUTION, points)).containsExactly(
                new Point(Metric.FULL_RESOLUTION, at("02T11:00"), at("03T08:00"), 7200),
                new Point(Metric.FULL_RESOLUTION, at("03T09:00"), null, 86400));
        assertThat(of(Metric.FIRST_RESOLUTION, points)).extracting(Point::value).containsExactly(7200.0);
        assertThat(of(Metric.FCR, points)).extracting(Point::value).containsExactly(0.0);
        assertThat(of(Metric.REOPENED, points)).extracting(Point::value).containsExactly(1.0);
        // open, solved, reopened, solved (closing a solved ticket changes nothing)
        assertThat(of(Metric.BACKLOG, points)).extracting(Point::value).containsExactly(1.0, -1.0, 1.0, -1.0);
    }

    @Test
    void surveysNormaliseToTheirScales() {
        assertThat(Contributions.survey("csat", 4, 1, 5, CREATED)).extracting(Point::value).containsExactly(7.5, 1.0);
        assertThat(Contributions.survey("csat", 8, 1, 10, CREATED)).extracting(Point::value).containsExactly(70.0 / 9, 0.0);
        assertThat(Contributions.survey("nps", 9, 0, 10, CREATED)).extracting(Point::value).containsExactly(100.0);
        assertThat(Contributions.survey("nps", 7, 0, 10, CREATED)).extracting(Point::value).containsExactly(0.0);
        assertThat(Contributions.survey("nps", 6, 0, 10, CREATED)).extracting(Point::value).containsExactly(-100.0);
        assertThat(Contributions.survey("ces", 3, 1, 7, CREATED)).extracting(Point::value).containsExactly(3.0);
    }
}
