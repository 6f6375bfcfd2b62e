package io.pharos.survey.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A ticket as the latest ticket event described it. */
@Entity
@Table(name = "ticket_state")
@IdClass(TicketState.Key.class)
public class TicketState {

    public record Key(String tenant, UUID ticketId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public String tenant;
    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;
    public long number;
    /** The ticket's id in the system it was imported from; imported survey answers may name it */
    @Column(name = "external_id")
    public String externalId;
    public String subject;
    /** lower-case, as in the events: new, open, pending, on_hold, solved, closed */
    public String status;
    public String channel;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "assignee_id")
    public String assigneeId;
    public String team;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];
    public String language;
    @Column(name = "solved_at")
    public Instant solvedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Whether the latest state came from an import of history: nothing live (no invitation) follows from it */
    public boolean historical;

    public boolean solved() {
        return "solved".equals(status) || "closed".equals(status);
    }
}
