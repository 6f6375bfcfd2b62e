package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One status an outgoing message reached on its channel, as the provider reported it. */
@Entity
@Table(name = "message_delivery_step")
public class DeliveryStep {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "message_id")
    public UUID messageId;
    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;
    public String code;
    public String reason;
    public Instant at;
}
