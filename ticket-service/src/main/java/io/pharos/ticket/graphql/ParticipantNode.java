package io.pharos.ticket.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.ParticipantDto;
import io.pharos.ticket.domain.Participant;

@Name("Participant")
@Description("Someone besides the requester who takes part in a ticket's email conversation: copied on every reply")
public record ParticipantNode(
        @Description("Email address (lower case)") @NonNull String address,
        @Description("Display name, when known") String name,
        @Description("How they joined: CC or REPLY_TO of the customer's mail, or added by an AGENT") @NonNull Participant.Source source,
        @Description("When they joined") @NonNull Instant addedAt) {

    static ParticipantNode of(ParticipantDto p) {
        return new ParticipantNode(p.address(), p.name(), p.source(), p.addedAt());
    }
}
