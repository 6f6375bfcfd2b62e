package io.pharos.survey.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "invitation")
public class Invitation {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "definition_id")
    public UUID definitionId;
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    public String channel;
    public String language;
    @Column(name = "skip_reason")
    public String skipReason;
    /** relationship invitations only: the survey's period (days since the epoch / interval) it belongs to */
    public Integer period;
    @Column(name = "created_at")
    public Instant createdAt;

    public enum Status {
        SCHEDULED, SENT, SKIPPED
    }
}
