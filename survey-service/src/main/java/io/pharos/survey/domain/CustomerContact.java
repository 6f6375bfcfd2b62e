package io.pharos.survey.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** How to reach a customer, as the latest customer event described it. */
@Entity
@Table(name = "customer_contact")
@IdClass(CustomerContact.Key.class)
public class CustomerContact {

    public record Key(String tenant, UUID customerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public String tenant;
    @Id
    @Column(name = "customer_id")
    public UUID customerId;
    public String name;
    public String language;
    /** active or churned (ticket-service's customer lifecycle); churned customers are not asked */
    public String lifecycle;
    /** JSON object: identity type → value */
    public String identities;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** When an import of history first brought this customer; null for customers first seen live */
    @Column(name = "imported_at")
    public Instant importedAt;
}
