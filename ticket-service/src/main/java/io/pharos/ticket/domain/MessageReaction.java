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

/** Someone's emoji on a message; one per author and message. */
@Entity
@Table(name = "message_reaction")
@IdClass(MessageReaction.Key.class)
public class MessageReaction {

    public record Key(UUID messageId, AuthorKind authorKind, String authorId) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "message_id")
    public UUID messageId;
    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "author_kind")
    public AuthorKind authorKind;
    @Id
    @Column(name = "author_id")
    public String authorId;
    public String tenant;
    public String emoji;
    public Instant at;
}
