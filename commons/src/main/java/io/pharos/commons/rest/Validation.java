package io.pharos.commons.rest;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/** Bean Validation of a value built by hand (an import line, a plain HTML form): violations become a 400 problem with field errors. */
public final class Validation {

    private Validation() {
    }

    public static <T> T valid(Validator validator, T value, String title) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
            throw new ProblemException(400, "validation", title, errors.size() + " invalid field(s)", errors);
        }
        return value;
    }
}
