package io.pharos.survey.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.pharos.survey.model.SurveyType;

@Entity
@Table(name = "survey_response")
public class SurveyResponse {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "invitation_id")
    public UUID invitationId;
    @Column(name = "definition_id")
    public UUID definitionId;
    @Enumerated(EnumType.STRING)
    public SurveyType type;
    @Column(name = "scale_min")
    public int scaleMin;
    @Column(name = "scale_max")
    public int scaleMax;
    public int score;
    public double normalized;
    public String comment;
    public String sentiment;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] themes = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] matched = new String[0];
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "agent_id")
    public String agentId;
    public String team;
    public String channel;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "responded_at")
    public Instant respondedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
