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

/**
 * One way to recognise a customer on a channel. A verified identity is unique per tenant, type and
 * value and recognises its customer; an unverified one is only what a chat or form visitor typed:
 * it recognises nobody and receives nothing until its owner verifies it.
 */
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
    public boolean verified = true;
    @Column(name = "created_at")
    public Instant createdAt;
}
