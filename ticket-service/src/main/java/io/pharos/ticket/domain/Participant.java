package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.graphql.Description;

/** Someone besides the requester who takes part in a ticket's email conversation: copied on every reply. */
@Entity
@Table(name = "ticket_participant")
public class Participant {

    /** How a participant joined the ticket. */
    @org.eclipse.microprofile.graphql.Name("ParticipantSource")
    @Description("How a participant joined a ticket: copied by the customer (CC), named as Reply-To, or added by an agent")
    public enum Source {
        CC, REPLY_TO, AGENT
    }

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "ticket_id")
    public UUID ticketId;
    /** Lower-cased email address. */
    public String address;
    public String name;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Column(name = "added_at")
    public Instant addedAt;
}
