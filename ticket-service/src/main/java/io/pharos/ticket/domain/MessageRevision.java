package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A text a message had before the customer edited it. */
@Entity
@Table(name = "message_revision")
public class MessageRevision {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "message_id")
    public UUID messageId;
    public String text;
    @Column(name = "replaced_at")
    public Instant replacedAt;
}
