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

/** A call back to a phone ticket's caller: who calls, by when, and how it went. */
@Entity
@Table(name = "ticket_callback")
public class Callback {

    @org.eclipse.microprofile.graphql.Name("CallbackStatus")
    @Description("OPEN until its outcome is recorded, then DONE")
    public enum Status {
        OPEN, DONE
    }

    @org.eclipse.microprofile.graphql.Name("CallbackOutcome")
    @Description("How a call back went: the caller was REACHED, there was NO_ANSWER, a VOICEMAIL was left, or it was a WRONG_NUMBER")
    public enum Outcome {
        REACHED, NO_ANSWER, VOICEMAIL, WRONG_NUMBER
    }

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Column(name = "assignee_id")
    public String assigneeId;
    @Column(name = "due_at")
    public Instant dueAt;
    public String note;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    @Column(name = "outcome_note")
    public String outcomeNote;
    /** Who scheduled it (Keycloak subject). */
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
