package io.pharos.ticket.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import io.pharos.ticket.service.TimeSource;

/** A clock the test sets: a Friday afternoon in Athens, then an hour later. */
class SettableTime extends TimeSource {

    static final ZoneId ATHENS = ZoneId.of("Europe/Athens");

    private volatile Instant now;

    SettableTime(String athensLocal) {
        set(athensLocal);
    }

    void set(String athensLocal) {
        now = LocalDateTime.parse(athensLocal).atZone(ATHENS).toInstant();
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant now() {
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant athens(String local) {
        return LocalDateTime.parse(local).atZone(ATHENS).toInstant();
    }
}
