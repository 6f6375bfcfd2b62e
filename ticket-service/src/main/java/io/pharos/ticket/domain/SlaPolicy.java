package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Targets for tickets matching its conditions; the first enabled policy by position that matches applies. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy {

    @Id
    public UUID id;
    public String tenant;
    public String name;
    public int position;
    public boolean enabled;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] priorities = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] channels = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];
    @Column(name = "customer_tags")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] customerTags = new String[0];
    @Column(name = "calendar_id")
    public UUID calendarId;
    @Column(name = "first_response_seconds")
    public Integer firstResponseSeconds;
    @Column(name = "first_response_business")
    public boolean firstResponseBusiness;
    /** first response due at the close of the business day the ticket arrives in (phone callbacks) */
    @Column(name = "first_response_same_day")
    public boolean firstResponseSameDay;
    @Column(name = "next_reply_seconds")
    public Integer nextReplySeconds;
    @Column(name = "next_reply_business")
    public boolean nextReplyBusiness;
    @Column(name = "resolution_seconds")
    public Integer resolutionSeconds;
    @Column(name = "resolution_business")
    public boolean resolutionBusiness;
    @Column(name = "warn_at_percent")
    public int warnAtPercent;
    @Column(name = "escalate_priority")
    public boolean escalatePriority;
    @Column(name = "escalate_team")
    public String escalateTeam;
    @Column(name = "notify_supervisors")
    public boolean notifySupervisors;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
