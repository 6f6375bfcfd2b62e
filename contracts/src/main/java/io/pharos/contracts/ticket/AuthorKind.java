package io.pharos.contracts.ticket;

/**
 * Who wrote a message; lower-case on the wire ({@code agent}). {@code bot} is an automated
 * conversational agent (a chat bot's greeting or answer): not a human reply, and not the customer.
 */
public enum AuthorKind {
    CUSTOMER, AGENT, SYSTEM, BOT
}
