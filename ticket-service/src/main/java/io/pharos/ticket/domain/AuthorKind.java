package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** Who wrote a message: the customer, a human agent, or the system (acknowledgements, bots). */
@Description("Who wrote a message: the CUSTOMER, an AGENT, or the SYSTEM (receipts, automations)")
public enum AuthorKind {
    CUSTOMER, AGENT, SYSTEM
}
