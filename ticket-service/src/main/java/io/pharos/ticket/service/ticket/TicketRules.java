package io.pharos.ticket.service.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Small rules every kind of ticket change applies alike. */
final class TicketRules {

    private TicketRules() {
    }

    /** Whether something that happened {@code at} is of now rather than history (imported, back-dated). */
    static boolean live(Instant at, Instant now) {
        return at.isAfter(now.minus(Duration.ofMinutes(5)));
    }

    /** Tags are stored lower-case, trimmed, without duplicates, sorted. */
    static String[] normaliseTags(List<String> tags) {
        return tags == null ? new String[0]
                : tags.stream().map(s -> s.strip().toLowerCase()).filter(s -> !s.isEmpty()).distinct().sorted().toArray(String[]::new);
    }

    /** The later of two instants; a change back in time (an imported step) never moves {@code updatedAt} back. */
    static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
