package io.pharos.ticket.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.graphql.Description;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An agent of the directory: who they are comes from Keycloak, whether they are available from here. */
@Entity
@Table(name = "agent")
public class Agent {

    @org.eclipse.microprofile.graphql.Name("AgentAvailability")
    @Description("Whether an agent takes work now: ONLINE gets routed tickets, AWAY and OFFLINE do not")
    public enum Availability {
        ONLINE, AWAY, OFFLINE
    }

    @Id
    public String id;
    public String tenant;
    public String username;
    public String name;
    public String email;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] languages = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] skills = new String[0];
    public String team;
    public int capacity;
    @Enumerated(EnumType.STRING)
    public Availability availability;
    @Column(name = "availability_changed_at")
    public Instant availabilityChangedAt;
    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;
    public boolean active;
    @Column(name = "synced_at")
    public Instant syncedAt;
    @Column(name = "created_at")
    public Instant createdAt;
}
