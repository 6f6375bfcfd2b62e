package io.pharos.commons.deadletter.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;

/**
 * DOWN on {@code /q/health/well} while dead letters are parked: a warning for the operator, not a
 * reason to restart or unroute the service (liveness and readiness do not include it).
 */
@Wellness
@ApplicationScoped
public class DeadLetterHealth implements AsyncHealthCheck {

    private final ParkedDeadLetters parked;

    public DeadLetterHealth(ParkedDeadLetters parked) {
        this.parked = parked;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return parked.refresh().onFailure().recoverWithNull().map(counted -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("dead-letters").status(parked.total() == 0);
            parked.byChannel().forEach(response::withData);
            return response.build();
        });
    }
}
