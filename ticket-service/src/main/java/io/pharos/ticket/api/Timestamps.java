package io.pharos.ticket.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The one window of time a client-given instant must fall in (imported history, a sync feed's
 * {@code updatedSince}): from {@link #EARLIEST} to {@link #MAX_AHEAD} after now. Year 9999 is no
 * date of a ticket, and an instant past PostgreSQL's range would fail far from the edge.
 */
public final class Timestamps {

    /** Nothing Pharos keeps happened before this. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Clock skew between the systems an import comes from and ours; more is a wrong date. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    private Timestamps() {
    }

    public static boolean plausible(Instant at, Instant now) {
        return !at.isBefore(EARLIEST) && !at.isAfter(now.plus(MAX_AHEAD));
    }

    /** An instant within {@link Timestamps}' window; null is valid (use {@code @NotNull} too where one is required). */
    @Documented
    @Constraint(validatedBy = PlausibleValidator.class)
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Plausible {
        String message() default "must be between 2000-01-01T00:00:00Z and one day from now";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class PlausibleValidator implements ConstraintValidator<Plausible, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || plausible(value, Instant.now());
        }
    }
}
