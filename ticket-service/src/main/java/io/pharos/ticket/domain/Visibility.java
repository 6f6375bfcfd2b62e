package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** PUBLIC messages reach the customer; INTERNAL notes stay between agents. */
@Description("PUBLIC messages reach the customer; INTERNAL notes are seen by agents only")
public enum Visibility {
    PUBLIC, INTERNAL
}
