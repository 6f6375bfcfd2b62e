package io.pharos.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;

/**
 * A warning, not an outage: parked outbox rows mean some events are not published and their
 * aggregates' later events wait, yet the service is alive and ready. Hence wellness
 * ({@code /q/health/well}), never readiness or liveness — restarting would not help.
 */
@Wellness
@ApplicationScoped
public class ParkedOutboxCheck implements AsyncHealthCheck {

    private final OutboxParking parking;

    public ParkedOutboxCheck(OutboxParking parking) {
        this.parking = parking;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return parking.count().map(parked -> HealthCheckResponse.named("outbox parked rows").status(parked == 0)
                .withData("parked", parked)
                .withData("action", parked == 0 ? "none" : "GET /api/v1/admin/outbox/parked, then replay or discard each")
                .build());
    }
}
