package io.pharos.ticket.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One SLA target of one ticket and where its clock stands. */
@Entity
@Table(name = "ticket_sla")
@IdClass(SlaClock.Key.class)
public class SlaClock {

    public enum Target {
        FIRST_RESPONSE, NEXT_REPLY, RESOLUTION
    }

    public enum State {
        ACTIVE, PAUSED, MET, BREACHED, NONE
    }

    public record Key(UUID ticketId, Target target) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Id
    @Enumerated(EnumType.STRING)
    public Target target;
    public String tenant;
    @Column(name = "policy_id")
    public UUID policyId;
    @Column(name = "policy_name")
    public String policyName;
    @Column(name = "target_seconds")
    public int targetSeconds;
    public boolean business;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "used_seconds")
    public long usedSeconds;
    @Column(name = "running_since")
    public Instant runningSince;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "warn_at")
    public Instant warnAt;
    @Column(name = "fulfilled_at")
    public Instant fulfilledAt;
    public int cycle;
    public boolean warned;
    public boolean breached;
    @Column(name = "ever_breached")
    public boolean everBreached;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
