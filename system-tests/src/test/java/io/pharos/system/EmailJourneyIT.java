package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.pharos.testing.GraphQLWs;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A customer's email to a satisfaction score, through the whole suite and the real mail server:
 * the mail arrives in support@acme.test (IMAP, taken in by channel-gateway), becomes a ticket that
 * shows up in Anna's inbox subscription through the federation gateway, the customer gets a
 * receipt in Greek with the promised reply time, Anna's reply reaches the customer's mailbox
 * threaded under the customer's own message, the customer's answer lands on the same ticket, Anna
 * solves it, the CSAT invitation arrives by email, the customer clicks 5, Anna sees the score on
 * the ticket, and the supervisor's scorecard for the day moves by exactly this ticket's FRT,
 * resolution time, FCR and CSAT. Another tenant's agent sees none of it.
 */
class EmailJourneyIT {

    static JsonPath gateway(String token, String query, Map<String, Object> variables) {
        return Journeys.gateway(token, query, variables);
    }

    static void send(String from, String subject, String text, String inReplyTo) {
        Mailboxes.send(from, "Ελένη Π.", "support@acme.test", subject, text, inReplyTo);
    }

    static JsonPath awaitTicket(String anna, String marker, int messages, Duration timeout) throws Exception {
        String query = "query($q: String) { tickets(first: 5, filter: {search: $q}) { edges { node { id number subject status "
                + "channel messages { author visibility text } } } } }";
        return Journeys.await(() -> gateway(anna, query, Map.of("q", marker)), found -> found.getList("data.tickets.edges").size() == 1
                && found.getList("data.tickets.edges[0].node.messages").size() >= messages, timeout);
    }

    static final String FIGURES = """
            query($from: DateTime!, $to: DateTime!) {
              kpis(from: $from, to: $to) { groups {
                firstResponseTime { calendar { count value } } firstResolutionTime { calendar { count value } }
                fcr { count value } csat { count value } } }
              scorecard(from: $from, to: $to) { kpi value }
            }""";

    /** count × average: what the day's figure adds up to. */
    static double sum(JsonPath figures, String path) {
        Number value = figures.get("data.kpis.groups[0]." + path + ".value");
        return value == null ? 0 : value.doubleValue() * figures.getInt("data.kpis.groups[0]." + path + ".count");
    }

    static int count(JsonPath figures, String path) {
        Integer count = figures.get("data.kpis.groups[0]." + path + ".count");
        return count == null ? 0 : count;
    }

    @Test
    void anEmailBecomesATicketTheConversationStaysOneThreadAndItsScoreReachesTheScorecard() throws Exception {
        String marker = "M" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "eleni-" + marker.toLowerCase() + "@example.test";
        String anna = KeycloakTokens.user("anna");
        String sofia = KeycloakTokens.user("sofia");
        Instant dayStart = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> day = Map.of("from", dayStart.toString(), "to", dayStart.plus(2, ChronoUnit.DAYS).toString());
        JsonPath before = gateway(sofia, FIGURES, day);
        Vertx vertx = Vertx.vertx();
        GraphQLWs inboxFeed = GraphQLWs.subscribe(vertx, URI.create(SuiteRuntime.GATEWAY + "/graphql"), anna,
                "subscription { ticketChanged { sequence event ticketId ticket { subject channel } } }", Map.of());
        GraphQLWs globexFeed = GraphQLWs.subscribe(vertx, URI.create(SuiteRuntime.GATEWAY + "/graphql"), KeycloakTokens.user("gina"),
                "subscription { ticketChanged { sequence event ticketId } }", Map.of());
        Instant start = Instant.now();

        send(customer, "Η παραγγελία " + marker + " δεν έφτασε", "Καλησπέρα, η παραγγελία μου δεν έχει φτάσει ακόμα.", null);
        // the new ticket appears in Anna's open inbox subscription, through the gateway
        JsonObject created = null;
        Instant feedDeadline = Instant.now().plusSeconds(60);
        while (created == null && Instant.now().isBefore(feedDeadline)) {
            JsonObject frame = inboxFeed.next(5);
            JsonObject change = frame == null ? null : frame.getJsonObject("payload", new JsonObject()).getJsonObject("data", new JsonObject())
                    .getJsonObject("ticketChanged");
            if (change != null && "pharos.ticket.created".equals(change.getString("event"))
                    && change.getJsonObject("ticket").getString("subject").contains(marker)) {
                created = change;
            }
        }
        assertThat(created).as("the ticket in Anna's inbox subscription").isNotNull();
        Duration toSubscription = Duration.between(start, Instant.now());
        inboxFeed.close();
        JsonPath inbox = awaitTicket(anna, marker, 1, Duration.ofSeconds(60));
        assertThat(inbox.getList("data.tickets.edges")).as("the mail became one ticket").hasSize(1);
        String ticket = inbox.getString("data.tickets.edges[0].node.id");
        assertThat(created.getString("ticketId")).isEqualTo(ticket);
        assertThat(created.getJsonObject("ticket").getString("channel")).isEqualTo("EMAIL");
        long number = inbox.getLong("data.tickets.edges[0].node.number");
        assertThat(inbox.getString("data.tickets.edges[0].node.channel")).isEqualTo("EMAIL");
        assertThat(inbox.getString("data.tickets.edges[0].node.subject")).isEqualTo("Η παραγγελία " + marker + " δεν έφτασε");
        Duration toInbox = Duration.between(start, Instant.now());

        // first the receipt: in Greek, with the time promised by the SLA, marked as an auto-reply
        List<MimeMessage> received = Mailboxes.inbox(customer, 1, Duration.ofSeconds(60));
        assertThat(received).as("the acknowledgement").hasSize(1);
        MimeMessage receipt = received.get(0);
        assertThat(receipt.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(((String) receipt.getContent()).strip()).startsWith("Λάβαμε το μήνυμά σας (αίτημα #" + number + "). Θα σας απαντήσουμε έως ");
        assertThat(receipt.getSubject()).contains("[#" + number + "]");

        gateway(anna, "mutation($id: ID!, $text: String) { reply(ticketId: $id, text: $text) { id } }",
                Map.of("id", ticket, "text", "Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα."));
        received = Mailboxes.inbox(customer, 2, Duration.ofSeconds(60));
        MimeMessage reply = null;
        for (MimeMessage m : received) {
            if (m.getHeader("Auto-Submitted") == null) {
                reply = m;
            }
        }
        assertThat(reply).as("Anna's reply in the customer's mailbox").isNotNull();
        assertThat(reply.getSubject()).contains("[#" + number + "]");
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo("support@acme.test");
        assertThat(reply.getHeader("In-Reply-To")).as("threaded under the customer's mail").isNotNull();
        assertThat(((String) reply.getContent()).strip()).startsWith("Καλησπέρα Ελένη, το δέμα σας αναχώρησε σήμερα.");

        // the customer answers from their mail client: the same ticket
        send(customer, "Re: " + reply.getSubject(), "Ευχαριστώ, το περιμένω.\n\nΣτις Δευ, Acme <support@acme.test> έγραψε:\n> Καλησπέρα",
                reply.getMessageID());
        JsonPath answered = awaitTicket(anna, marker, 3, Duration.ofSeconds(60));
        assertThat(answered.getList("data.tickets.edges")).as("still one ticket").hasSize(1);
        assertThat(answered.getList("data.tickets.edges[0].node.messages.text", String.class)).hasSize(3).last()
                .isEqualTo("Ευχαριστώ, το περιμένω.");

        JsonPath solved = gateway(anna, "mutation($id: ID!) { changeStatus(ticketId: $id, status: SOLVED) { status createdAt"
                + " firstPublicReplyAt solvedAt } }", Map.of("id", ticket));
        assertThat(solved.getString("data.changeStatus.status")).isEqualTo("SOLVED");
        Instant createdAt = Instant.parse(solved.getString("data.changeStatus.createdAt"));
        double frt = Duration.between(createdAt, Instant.parse(solved.getString("data.changeStatus.firstPublicReplyAt"))).toNanos() / 1e9;
        double resolution = Duration.between(createdAt, Instant.parse(solved.getString("data.changeStatus.solvedAt"))).toNanos() / 1e9;

        // acme's CSAT invitation arrives by email, in Greek; the customer clicks 3 in it, then thinks again and clicks 5
        List<MimeMessage> mail = Mailboxes.inbox(customer, 3, Duration.ofSeconds(60));
        assertThat(mail).as("receipt, reply and the survey invitation").hasSize(3);
        MimeMessage invitation = null;
        for (MimeMessage m : mail) {
            if (m.getSubject().contains("Πόσο ικανοποιημένοι μείνατε")) {
                invitation = m;
            }
        }
        assertThat(invitation).as("the invitation, in the customer's language: %s", mail).isNotNull();
        assertThat(invitation.getSubject()).contains("[#" + number + "]");
        Matcher link = Pattern.compile("(http://localhost:8083/s/[A-Za-z0-9_.-]+)\\?score=5").matcher(html(invitation));
        assertThat(link.find()).as("a one-click score link in the invitation").isTrue();
        given().when().get(link.group(1) + "?score=3").then().statusCode(200).contentType(ContentType.HTML);
        given().when().get(link.group(1) + "?score=5").then().statusCode(200).contentType(ContentType.HTML);

        // Anna sees the score on the ticket (survey-service's field, through the gateway)
        String satisfaction = "query($id: ID!) { ticket(id: $id) { status satisfaction { score scale type } } }";
        JsonPath scored = Journeys.await(() -> gateway(anna, satisfaction, Map.of("id", ticket)),
                a -> a.get("data.ticket.satisfaction") != null, Duration.ofSeconds(30));
        assertThat(scored.getInt("data.ticket.satisfaction.score")).isEqualTo(5);
        assertThat(scored.getString("data.ticket.satisfaction.scale")).isEqualTo("1-5");
        assertThat(scored.getString("data.ticket.satisfaction.type")).isEqualTo("CSAT");

        // the supervisor's figures for the day moved by exactly this ticket: its FRT, resolution, FCR and a CSAT of 10/10
        // (the answer as the customer left it: one answer, the 5)
        JsonPath after = Journeys.await(() -> gateway(sofia, FIGURES, day), a -> count(a, "csat") > count(before, "csat")
                && Math.abs(sum(a, "csat") - sum(before, "csat") - 10) < 0.01 && count(a, "fcr") > count(before, "fcr"), Duration.ofSeconds(30));
        assertThat(count(after, "firstResponseTime.calendar")).isEqualTo(count(before, "firstResponseTime.calendar") + 1);
        assertThat(sum(after, "firstResponseTime.calendar")).isCloseTo(sum(before, "firstResponseTime.calendar") + frt, within(0.01));
        assertThat(count(after, "firstResolutionTime.calendar")).isEqualTo(count(before, "firstResolutionTime.calendar") + 1);
        assertThat(sum(after, "firstResolutionTime.calendar")).isCloseTo(sum(before, "firstResolutionTime.calendar") + resolution, within(0.01));
        assertThat(count(after, "fcr")).isEqualTo(count(before, "fcr") + 1);
        assertThat(sum(after, "fcr")).as("one more first-contact resolution").isCloseTo(sum(before, "fcr") + 100, within(0.01));
        assertThat(count(after, "csat")).isEqualTo(count(before, "csat") + 1);
        assertThat(sum(after, "csat")).as("5 of 5 is 10 of 10").isCloseTo(sum(before, "csat") + 10, within(0.01));
        Map<String, Double> scorecard = new java.util.HashMap<>();
        after.getList("data.scorecard", Map.class).stream().filter(e -> e.get("value") != null) // a KPI without data today has none
                .forEach(e -> scorecard.put((String) e.get("kpi"), ((Number) e.get("value")).doubleValue()));
        assertThat(scorecard.get("firstResponseTime")).isCloseTo(after.<Number> get("data.kpis.groups[0].firstResponseTime.calendar.value")
                .doubleValue(), within(1e-6));
        assertThat(scorecard.get("firstResolutionTime")).isCloseTo(after.<Number> get("data.kpis.groups[0].firstResolutionTime.calendar.value")
                .doubleValue(), within(1e-6));
        assertThat(scorecard.get("fcr")).isCloseTo(after.<Number> get("data.kpis.groups[0].fcr.value").doubleValue(), within(1e-6));
        assertThat(scorecard.get("csat")).isCloseTo(after.<Number> get("data.kpis.groups[0].csat.value").doubleValue(), within(1e-6));
        // nor did anything of it reach globex's inbox subscription
        assertThat(globexFeed.frames).noneSatisfy(frame -> assertThat(frame.encode()).contains(ticket));
        globexFeed.close();
        vertx.close();

        // isolation: globex's agent finds nothing of it through the gateway
        assertThat(gateway(KeycloakTokens.user("gina"), "query($id: ID!) { ticket(id: $id) { id } }", Map.of("id", ticket))
                .getString("data.ticket")).isNull();
        System.out.printf("email journey: mail to inbox subscription %d ms, to inbox query %d ms, whole journey %d ms%n",
                toSubscription.toMillis(), toInbox.toMillis(), Duration.between(start, Instant.now()).toMillis());
    }

    /** The HTML part of a message (the invitation is multipart/alternative). */
    static String html(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = html(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
