package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One way to recognise a customer on a channel; unique per tenant, type and value. */
@Entity
@Table(name = "customer_identity")
public class CustomerIdentity {

    @Id
    public UUID id;
    public String tenant;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "customer_id")
    public Customer customer;
    @Enumerated(EnumType.STRING)
    public IdentityType type;
    public String value;
    @Column(name = "created_at")
    public Instant createdAt;
}
