package io.pharos.ticket.domain;

/** Who wrote a message: the customer, a human agent, or the system (acknowledgements, bots). */
public enum AuthorKind {
    CUSTOMER, AGENT, SYSTEM
}
