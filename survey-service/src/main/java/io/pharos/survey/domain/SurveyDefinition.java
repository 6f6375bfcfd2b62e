package io.pharos.survey.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.graphql.Description;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.pharos.survey.model.SurveyType;

@Entity
@Table(name = "survey_definition")
public class SurveyDefinition {

    @Id
    public UUID id;
    public String tenant;
    public String name;
    @Enumerated(EnumType.STRING)
    public SurveyType type;
    @Column(name = "scale_min")
    public int scaleMin;
    @Column(name = "scale_max")
    public int scaleMax;
    /** JSON: language → question, follow-up, thanks. */
    public String texts;
    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind")
    public Trigger trigger;
    @Column(name = "delay_seconds")
    public int delaySeconds;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] channels = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];
    @Enumerated(EnumType.STRING)
    @Column(name = "send_via")
    public SendVia sendVia;
    @Column(name = "throttle_days")
    public int throttleDays;
    @Column(name = "expiry_hours")
    public int expiryHours;
    @Column(name = "interval_days")
    public int intervalDays;
    public boolean enabled;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    @Description("What sends a survey: a solved ticket, an ended chat, or the relationship interval")
    public enum Trigger {
        TICKET_SOLVED, CHAT_ENDED, RELATIONSHIP
    }

    @Description("Which channel an invitation goes out on: the ticket's own channel, or always email")
    public enum SendVia {
        TICKET_CHANNEL, EMAIL
    }
}
