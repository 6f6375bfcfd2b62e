package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/**
 * Who wrote a message: the customer, a human agent, the system (acknowledgements, automations) or a
 * bot (a chat bot's greeting or answer: not a human reply, so it never counts as a first response).
 */
@Description("Who wrote a message: the CUSTOMER, an AGENT, the SYSTEM (receipts, automations) or a BOT (a chat bot's messages)")
public enum AuthorKind {
    CUSTOMER, AGENT, SYSTEM, BOT
}
