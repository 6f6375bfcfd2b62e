package io.pharos.system.reference;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A support team's three months of history, generated from a seed: customers (some created during
 * the period, some churned, some writing on two channels, one recorded twice and merged), tickets
 * on six channels across the switch to summer time and two public holidays (first replies,
 * internal notes, a colleague's notes, a bot's greeting, pending waits, on-hold periods, follow-up
 * questions, reopenings, closes, tickets an agent opened, tickets still open at the end) and the
 * customers' CSAT, NPS and CES answers. The same seed and year always give the same history.
 */
public final class ReferenceHistory {

    public static final ZoneId ZONE = ZoneId.of("Europe/Athens");
    public static final List<String> CHANNELS = List.of("email", "chat", "whatsapp", "sms", "phone", "form");
    public static final Map<String, List<String>> TEAMS = Map.of("billing", List.of("ref-agent-ada", "ref-agent-ben"), "support",
            List.of("ref-agent-cleo", "ref-agent-dion", "ref-agent-eva"));

    public record Customer(String externalId, String name, String email, String whatsapp, Instant createdAt, LocalDate churnedOn,
            List<String> tags, String language) {
    }

    /** author: customer, agent, bot or system. */
    public record Message(Instant at, String author, String authorId, boolean internal) {
        public boolean agentPublic() {
            return "agent".equals(author) && !internal;
        }
    }

    public record Status(Instant at, String status, String actor) {
    }

    public record Ticket(String externalId, String channel, String team, String assignee, boolean proactive, Instant createdAt,
            Customer requester, List<Message> messages, List<Status> statuses) {
    }

    public record Response(String externalId, Ticket ticket, String type, int score, int scaleMax, Instant respondedAt) {
    }

    public final int year;
    public final Instant from;
    public final Instant to;
    public final String run;
    public final List<Customer> customers = new ArrayList<>();
    /** The second record of one person, merged into the first after the import. */
    public Customer duplicate;
    public Customer survivor;
    public final List<Ticket> tickets = new ArrayList<>();
    public final List<Response> responses = new ArrayList<>();
    /** Public holidays of the year, closed in the SLA policy's calendar. */
    public final List<LocalDate> holidays;

    private final Random random;

    public ReferenceHistory(long seed, int year, String run) {
        this.year = year;
        this.run = run;
        this.random = new Random(seed);
        this.from = LocalDate.of(year, 3, 1).atStartOfDay(ZONE).toInstant();
        this.to = LocalDate.of(year, 6, 1).atStartOfDay(ZONE).toInstant();
        this.holidays = List.of(LocalDate.of(year, 3, 25), LocalDate.of(year, 5, 1));
        customers();
        for (int i = 0; i < 320; i++) {
            tickets.add(ticket(i));
        }
        responses();
    }

    /** The Monday-aligned range inside the period, for weekly series whose weeks all lie within it. */
    public Instant[] weeks() {
        LocalDate first = LocalDate.of(year, 3, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate last = LocalDate.of(year, 6, 1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Instant[] { first.atStartOfDay(ZONE).toInstant(), last.atStartOfDay(ZONE).toInstant() };
    }

    private void customers() {
        Instant earliest = from.minus(Duration.ofDays(700));
        for (int i = 0; i < 110; i++) {
            // most customers are older than the period; a quarter arrive during it
            Instant created = random.nextInt(4) == 0 ? from.plusSeconds(random.nextLong(Duration.ofDays(60).toSeconds()))
                    : earliest.plusSeconds(random.nextLong(Duration.between(earliest, from).toSeconds()));
            LocalDate churned = null;
            if (random.nextInt(7) == 0) {
                LocalDate c = from.atZone(ZONE).toLocalDate().minusDays(20).plusDays(random.nextInt(110));
                churned = c.isBefore(created.atZone(ZONE).toLocalDate()) ? created.atZone(ZONE).toLocalDate() : c;
            }
            String who = "ref-" + run + "-c" + i;
            customers.add(new Customer(who, "Πελάτης " + i, who + "@example.test", random.nextInt(5) == 0 ? "3069" + (10_000_000 + Math.floorMod(run.hashCode(), 80_000_000) + i) : null,
                    created, churned, random.nextBoolean() ? List.of("vip") : List.of(), random.nextInt(3) == 0 ? "en" : "el"));
        }
        survivor = customers.get(3);
        duplicate = new Customer("ref-" + run + "-dup", survivor.name(), "ref-" + run + "-dup@example.test", null,
                survivor.createdAt().plus(Duration.ofDays(30)), null, List.of(), "el");
        customers.add(duplicate);
    }

    private Instant after(Instant t, long minSeconds, long maxSeconds) {
        // log-uniform: many quick steps, a long tail of slow ones
        double x = Math.log(minSeconds) + random.nextDouble() * (Math.log(maxSeconds) - Math.log(minSeconds));
        return t.plusSeconds(Math.max(minSeconds, (long) Math.exp(x)));
    }

    private Ticket ticket(int i) {
        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        String team = random.nextBoolean() ? "billing" : "support";
        List<String> members = TEAMS.get(team);
        String assignee = random.nextInt(10) == 0 ? null : members.get(random.nextInt(members.size()));
        String colleague = members.get(random.nextInt(members.size()));
        Instant created = from.plusSeconds(random.nextLong(Duration.ofDays(88).toSeconds()));
        List<Customer> eligible = customers.stream().filter(c -> !c.createdAt().isAfter(created)).toList();
        Customer requester = eligible.get(random.nextInt(eligible.size()));
        boolean proactive = random.nextInt(12) == 0;
        if (proactive) {
            channel = random.nextBoolean() ? "email" : "whatsapp";
        }
        if ("whatsapp".equals(channel) && requester.whatsapp() == null) {
            channel = "email";
        }
        String agent = assignee != null ? assignee : colleague;
        List<Message> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        Instant t = created;
        if (proactive) {
            messages.add(new Message(t, "agent", agent, false));
            if (random.nextInt(10) < 3) { // nobody answered the outreach: solved after a few days
                t = after(t, 86_400, 5 * 86_400);
                statuses.add(new Status(t, "solved", agent));
                return new Ticket(id(i), channel, team, assignee, true, created, requester, messages, statuses);
            }
            t = after(t, 600, 2 * 86_400);
            messages.add(new Message(t, "customer", null, false));
        } else {
            messages.add(new Message(t, "customer", null, false));
            if ("chat".equals(channel) && random.nextInt(3) == 0) {
                t = t.plusSeconds(2);
                messages.add(new Message(t, "bot", null, false)); // the widget's bot greets: no reply from a person
            }
        }
        if (random.nextInt(5) == 0) {
            t = after(t, 60, 4 * 3600);
            messages.add(new Message(t, "agent", colleague, true)); // a colleague's internal note
        }
        boolean neverAnswered = random.nextInt(14) == 0;
        if (!neverAnswered) {
            t = after(t, 120, 2 * 86_400);
            messages.add(new Message(t, "agent", agent, false));
            if (random.nextInt(10) < 4) { // waiting on the customer, who answers
                t = t.plusSeconds(30);
                statuses.add(new Status(t, "pending", agent));
                t = after(t, 1800, 3 * 86_400);
                messages.add(new Message(t, "customer", null, false));
                statuses.add(new Status(t, "open", "customer"));
                t = after(t, 300, 86_400);
                messages.add(new Message(t, "agent", agent, false));
            }
            if (random.nextInt(7) == 0) { // on hold for a supplier
                t = t.plusSeconds(45);
                statuses.add(new Status(t, "on_hold", agent));
                t = after(t, 3600, 4 * 86_400);
                statuses.add(new Status(t, "open", agent));
            }
            if (random.nextInt(5) == 0) { // a follow-up question
                t = after(t, 300, 86_400);
                messages.add(new Message(t, "customer", null, false));
                t = after(t, 120, 86_400);
                messages.add(new Message(t, "agent", random.nextInt(4) == 0 ? colleague : agent, false));
            }
        }
        if (random.nextInt(12) == 0) { // still open at the end of the history
            return new Ticket(id(i), channel, team, assignee, proactive, created, requester, messages, statuses);
        }
        t = after(t, 300, 3 * 86_400);
        statuses.add(new Status(t, "solved", agent));
        if (random.nextInt(8) == 0) { // the customer writes again: reopened, answered, solved again
            t = after(t, 3600, 5 * 86_400);
            messages.add(new Message(t, "customer", null, false));
            statuses.add(new Status(t, "open", "customer"));
            t = after(t, 300, 86_400);
            messages.add(new Message(t, "agent", agent, false));
            t = after(t, 300, 2 * 86_400);
            statuses.add(new Status(t, "solved", agent));
        }
        if (random.nextInt(3) == 0) {
            t = after(t, 3 * 86_400, 7 * 86_400);
            statuses.add(new Status(t, "closed", "system"));
        }
        return new Ticket(id(i), channel, team, assignee, proactive, created, requester, messages, statuses);
    }

    private String id(int i) {
        return "ref-" + run + "-t" + i;
    }

    private void responses() {
        int n = 0;
        for (Ticket t : tickets) {
            Instant solved = lastSolve(t);
            if (solved == null) {
                continue;
            }
            if (random.nextInt(2) == 0) {
                int score = new int[] { 1, 2, 3, 4, 4, 5, 5, 5 }[random.nextInt(8)];
                responses.add(new Response("ref-" + run + "-r" + n++, t, "csat", score, 5, after(solved, 600, 2 * 86_400)));
            }
            if (random.nextInt(5) == 0) {
                responses.add(new Response("ref-" + run + "-r" + n++, t, "nps", random.nextInt(11), 10, after(solved, 600, 3 * 86_400)));
            }
            if (random.nextInt(7) == 0) {
                responses.add(new Response("ref-" + run + "-r" + n++, t, "ces", 1 + random.nextInt(7), 7, after(solved, 600, 86_400)));
            }
        }
    }

    public static Instant lastSolve(Ticket t) {
        Instant last = null;
        for (Status s : t.statuses()) {
            if ("solved".equals(s.status())) {
                last = s.at();
            }
        }
        return last;
    }

    // ------------------------------------------------------------------ import lines (the public API's formats)

    public List<Map<String, Object>> customerLines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Customer c : customers) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("externalId", c.externalId());
            line.put("name", c.name());
            line.put("language", c.language());
            line.put("tags", c.tags());
            line.put("createdAt", c.createdAt().toString());
            if (c.churnedOn() != null) {
                line.put("lifecycle", "churned");
                line.put("churnedOn", c.churnedOn().toString());
            }
            List<Map<String, Object>> identities = new ArrayList<>();
            identities.add(Map.of("type", "email", "value", c.email()));
            if (c.whatsapp() != null) {
                identities.add(Map.of("type", "whatsapp", "value", c.whatsapp()));
            }
            line.put("identities", identities);
            lines.add(line);
        }
        return lines;
    }

    public List<Map<String, Object>> ticketLines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Ticket t : tickets) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("externalId", t.externalId());
            line.put("subject", "Reference " + t.externalId());
            line.put("channel", t.channel());
            line.put("createdAt", t.createdAt().toString());
            line.put("requester", "whatsapp".equals(t.channel()) ? Map.of("whatsapp", t.requester().whatsapp())
                    : Map.of("email", t.requester().email()));
            line.put("openedBy", t.proactive() ? "agent" : "customer");
            line.put("team", t.team());
            if (t.assignee() != null) {
                line.put("assigneeId", t.assignee());
            }
            line.put("historicalAgents", true);
            line.put("tags", List.of("ref-" + run));
            List<Map<String, Object>> messages = new ArrayList<>();
            for (Message m : t.messages()) {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("author", m.author());
                if (m.authorId() != null) {
                    message.put("authorId", m.authorId());
                }
                message.put("visibility", m.internal() ? "internal" : "public");
                message.put("text", switch (m.author()) {
                    case "customer" -> "Καλησπέρα, έχω ένα πρόβλημα με την παραγγελία μου";
                    case "bot" -> "Hi! An agent will be with you shortly.";
                    default -> m.internal() ? "checking with the warehouse" : "Thank you, here is what we found";
                });
                message.put("createdAt", m.at().toString());
                messages.add(message);
            }
            line.put("messages", messages);
            List<Map<String, Object>> statuses = new ArrayList<>();
            for (Status s : t.statuses()) {
                statuses.add(Map.of("status", s.status(), "at", s.at().toString(), "actor", s.actor()));
            }
            line.put("statusChanges", statuses);
            lines.add(line);
        }
        return lines;
    }

    /** Survey answers, linked by the ticket's external id as the old tool knows it. */
    public List<Map<String, Object>> responseLines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Response r : responses) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("externalId", r.externalId());
            line.put("type", r.type());
            line.put("score", r.score());
            line.put("scaleMax", r.scaleMax());
            line.put("ticketExternalId", r.ticket().externalId());
            line.put("channel", r.ticket().channel());
            line.put("team", r.ticket().team());
            if (r.ticket().assignee() != null) {
                line.put("agentId", r.ticket().assignee());
            }
            line.put("respondedAt", r.respondedAt().toString());
            lines.add(line);
        }
        return lines;
    }
}
