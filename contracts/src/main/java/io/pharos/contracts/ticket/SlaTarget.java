package io.pharos.contracts.ticket;

/** What an SLA clock measures; lower-case on the wire ({@code first_response}). */
public enum SlaTarget {
    FIRST_RESPONSE, NEXT_REPLY, RESOLUTION
}
