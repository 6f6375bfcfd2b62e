package io.pharos.contracts.ticket;

/** How urgent a ticket is; lower-case on the wire ({@code urgent}). */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
