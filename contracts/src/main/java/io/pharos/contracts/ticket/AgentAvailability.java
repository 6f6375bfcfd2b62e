package io.pharos.contracts.ticket;

/** Whether an agent takes tickets now; lower-case on the wire ({@code online}). */
public enum AgentAvailability {
    ONLINE, AWAY, OFFLINE
}
