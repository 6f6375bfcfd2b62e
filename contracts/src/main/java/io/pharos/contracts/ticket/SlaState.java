package io.pharos.contracts.ticket;

/** Where an SLA clock stands; lower-case on the wire ({@code breached}). */
public enum SlaState {
    ACTIVE, PAUSED, MET, BREACHED, NONE
}
