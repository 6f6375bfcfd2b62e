package io.pharos.commons.rest;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/** Bean Validation of a value built by hand (an import line, a plain HTML form): violations become a problem with field errors (see {@link Violations}). */
public final class Validation {

    private Validation() {
    }

    /**
     * The value when it satisfies its constraints (of {@code groups}, or the default group), else a 400/413
     * problem; no value at all (a JSON {@code null}) is a 400 too.
     */
    public static <T> T valid(Validator validator, T value, String title, Class<?>... groups) {
        if (value == null) {
            throw new ProblemException(400, "validation", title, "A value is required.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value, groups);
        if (!violations.isEmpty()) {
            throw Violations.problem(violations, title);
        }
        return value;
    }
}
