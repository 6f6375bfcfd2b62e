package io.pharos.ticket.domain;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The stored answer to a create made with an Idempotency-Key. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord {

    @Id
    public String tenant;
    @Id
    public String operation;
    @Id
    public String key;
    @Column(name = "request_hash")
    public String requestHash;
    public Integer status;
    public String response;
    @Column(name = "created_at")
    public Instant createdAt;

    public static class Key implements Serializable {
        public String tenant;
        public String operation;
        public String key;

        public Key() {
        }

        public Key(String tenant, String operation, String key) {
            this.tenant = tenant;
            this.operation = operation;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(tenant, k.tenant)
                    && java.util.Objects.equals(operation, k.operation) && java.util.Objects.equals(key, k.key);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenant, operation, key);
        }
    }
}
