package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Who changed what, when: the trail of every change to a ticket or customer. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String tenant;
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Column(name = "customer_id")
    public UUID customerId;
    public String actor;
    public String action;
    /** JSON describing the change (previous and new values). */
    public String detail;
    public Instant at;
}
