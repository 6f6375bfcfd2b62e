package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A customer's request and the conversation about it. */
@Entity
@Table(name = "ticket")
public class Ticket {

    @Id
    public UUID id;
    public String tenant;
    /** Per-tenant number shown to people (#1042); from a per-tenant sequence, gaps allowed. */
    public long number;
    @Column(name = "external_id")
    public String externalId;
    public String subject;
    @Enumerated(EnumType.STRING)
    public TicketStatus status;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "requester_id")
    public UUID requesterId;
    @Column(name = "assignee_id")
    public String assigneeId;
    public String team;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];
    public String language;
    /** skills the routing rule asked for: whoever takes the ticket from the queue needs them */
    @Column(name = "required_skills")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] requiredSkills = new String[0];
    /** What later messages of the same conversation carry: chat session, phone or social identity. */
    @Column(name = "conversation_key")
    public String conversationKey;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "first_public_reply_at")
    public Instant firstPublicReplyAt;
    @Column(name = "first_solved_at")
    public Instant firstSolvedAt;
    @Column(name = "solved_at")
    public Instant solvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "reopen_count")
    public int reopenCount;
    /** CUSTOMER, or AGENT when an agent opened it (proactive outreach: no first response is owed); null on old rows. */
    @Column(name = "opened_by")
    @Enumerated(EnumType.STRING)
    public AuthorKind openedBy;
    @Version
    public long version;

    /**
     * The ticket's SLA clocks as this session knows them (null: not read yet). SlaClocks keeps it, so that the
     * snapshot every event carries is not a query (and an automatic flush) per event; the instance lives as
     * long as the session that loaded or created it.
     */
    @Transient
    public List<SlaClock> knownClocks;
}
