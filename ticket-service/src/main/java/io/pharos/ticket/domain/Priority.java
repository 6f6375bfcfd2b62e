package io.pharos.ticket.domain;

/** How urgent a ticket is; drives SLA targets. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
