package io.pharos.commons.rest;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/** Bean Validation of a value built by hand (an import line, a plain HTML form): violations become a problem with field errors (see {@link Violations}). */
public final class Validation {

    private Validation() {
    }

    public static <T> T valid(Validator validator, T value, String title) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw Violations.problem(violations, title);
        }
        return value;
    }
}
