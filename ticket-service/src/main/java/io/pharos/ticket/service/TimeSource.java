package io.pharos.ticket.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Now" for everything time-driven in ticket-service (ticket times, SLA clocks, the SLA monitor),
 * at the database's precision. Tests put a settable clock in its place (a Friday afternoon, an
 * hour later) instead of waiting.
 */
@ApplicationScoped
public class TimeSource {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
