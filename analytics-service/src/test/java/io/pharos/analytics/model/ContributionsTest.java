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

    static final List<StatusChange> SOLVED = List.of(new StatusChange("new", CREATED), new StatusChange("solved", at("02T13:00")));

    @Test
    void theOpenerOfAProactiveTicketIsNoReplySoOneAnswerAfterTheCustomerWroteIsFirstContactResolution() {
        List<Message> messages = List.of(new Message("agent", "public", CREATED), new Message("customer", "public", at("02T12:00")),
                new Message("agent", "public", at("02T12:30")));
        // whether the snapshot says so or the first visible message does
        for (String openedBy : java.util.Arrays.asList("agent", null)) {
            List<Point> points = Contributions.of(new Ticket(CREATED, false, messages, SOLVED, List.of(), openedBy), Calendars.FALLBACK);
            assertThat(of(Metric.FCR, points)).as("opened by " + openedBy).extracting(Point::value).containsExactly(1.0);
            assertThat(of(Metric.FRT, points)).isEmpty();
            assertThat(of(Metric.REPLY_TIME, points)).extracting(Point::value).containsExactly(1800.0);
        }
        // a follow-up before the customer answers is outreach too; two answers after it are not one
        List<Message> followUp = List.of(new Message("agent", "public", CREATED), new Message("agent", "public", at("02T10:00")),
                new Message("customer", "public", at("02T12:00")), new Message("agent", "public", at("02T12:30")));
        assertThat(of(Metric.FCR, Contributions.of(new Ticket(CREATED, false, followUp, SOLVED, List.of(), "agent"), Calendars.FALLBACK)))
                .extracting(Point::value).containsExactly(1.0);
        List<Message> twoAnswers = new java.util.ArrayList<>(messages);
        twoAnswers.add(new Message("agent", "public", at("02T12:40")));
        assertThat(of(Metric.FCR, Contributions.of(new Ticket(CREATED, false, twoAnswers, SOLVED, List.of(), "agent"), Calendars.FALLBACK)))
                .extracting(Point::value).containsExactly(0.0);
        // the customer never wrote: no reply, solved, not FCR
        List<Message> unanswered = List.of(new Message("agent", "public", CREATED), new Message("agent", "public", at("02T10:00")));
        assertThat(of(Metric.FCR, Contributions.of(new Ticket(CREATED, false, unanswered, SOLVED, List.of(), "agent"), Calendars.FALLBACK)))
                .extracting(Point::value).containsExactly(0.0);
    }

    @Test
    void whoOpenedTheTicketIsTheSnapshotsWordElseTheFirstVisibleMessageNeverABotANoteOrTheSystem() {
        // a bot greets, an agent notes, then the customer asks: opened by the customer, the bot's and the note are no replies
        List<Message> messages = List.of(new Message("bot", "public", CREATED), new Message("agent", "internal", at("02T09:11")),
                new Message("system", "public", at("02T09:12")), new Message("customer", "public", at("02T09:15")),
                new Message("bot", "public", at("02T09:16")), new Message("agent", "public", at("02T09:40")));
        List<Point> points = Contributions.of(new Ticket(CREATED, false, messages, SOLVED, List.of(), null), Calendars.FALLBACK);
        assertThat(of(Metric.FRT, points)).extracting(Point::value).containsExactly(1800.0);
        assertThat(of(Metric.REPLY_TIME, points)).extracting(Point::value).containsExactly(1800.0); // from creation: the ticket was the question
        assertThat(of(Metric.FCR, points)).extracting(Point::value).containsExactly(1.0);
        // a snapshot saying "customer" wins over an agent's first message (an agent logging a phone call): it is a reply
        List<Message> logged = List.of(new Message("agent", "public", at("02T09:20")), new Message("customer", "public", at("02T09:30")),
                new Message("agent", "public", at("02T09:50")));
        List<Point> phone = Contributions.of(new Ticket(CREATED, false, logged, SOLVED, List.of(), "customer"), Calendars.FALLBACK);
        assertThat(of(Metric.FRT, phone)).extracting(Point::value).containsExactly(600.0);
        assertThat(of(Metric.FCR, phone)).extracting(Point::value).containsExactly(0.0);
        // and one saying "agent" wins over a customer's first message
        assertThat(Contributions.proactive("agent", List.of(new Message("customer", "public", CREATED)))).isTrue();
        assertThat(Contributions.proactive(null, List.of(new Message("bot", "public", CREATED)))).isFalse();
    }

    @Test
    void replyTimeInBusinessHoursFollowsTheCalendarLikeFirstResponseTime() {
        // Mon-Fri 09:00-17:00 UTC; a question on Friday 16:30 answered on Monday 09:30 waited one business hour
        io.pharos.commons.time.BusinessCalendar office = officeHours();
        Instant friday = Instant.parse("2026-03-06T16:30:00Z");
        Ticket t = new Ticket(friday, false, List.of(new Message("customer", "public", friday),
                new Message("agent", "public", Instant.parse("2026-03-09T09:30:00Z")),
                new Message("customer", "public", Instant.parse("2026-03-09T10:00:00Z")),
                new Message("agent", "public", Instant.parse("2026-03-09T10:45:00Z"))), List.of(new StatusChange("new", friday)));
        List<Point> points = Contributions.of(t, office);
        assertThat(of(Metric.REPLY_TIME, points)).extracting(Point::value).containsExactly(234000.0, 2700.0);
        assertThat(of(Metric.REPLY_TIME_BUSINESS, points)).extracting(Point::value).containsExactly(3600.0, 2700.0);
        assertThat(of(Metric.REPLY_TIME_BUSINESS, points)).extracting(Point::bucket)
                .containsExactly(Instant.parse("2026-03-09T09:00:00Z"), Instant.parse("2026-03-09T10:00:00Z"));
        assertThat(of(Metric.FRT_BUSINESS, points)).extracting(Point::value).containsExactly(3600.0);
    }

    static io.pharos.commons.time.BusinessCalendar officeHours() {
        return io.pharos.commons.time.BusinessCalendar.weekly(java.time.ZoneOffset.UTC, java.util.EnumSet.range(java.time.DayOfWeek.MONDAY,
                java.time.DayOfWeek.FRIDAY), java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0), List.of());
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
