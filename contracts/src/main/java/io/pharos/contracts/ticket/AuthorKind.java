package io.pharos.contracts.ticket;

/** Who wrote a message; lower-case on the wire ({@code agent}). */
public enum AuthorKind {
    CUSTOMER, AGENT, SYSTEM
}
