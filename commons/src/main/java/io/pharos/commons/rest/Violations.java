package io.pharos.commons.rest;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Size;

/**
 * Bean Validation violations as one problem, the same for every path a value arrives by (REST body,
 * GraphQL input, import line, form): {@code 413 too-large} when every violation is a value over its
 * size limit (too long a text, too many items: the request carries more than Pharos accepts), else
 * {@code 400 validation}. Either way with one error per field.
 */
public final class Violations {

    private Violations() {
    }

    public static ProblemException problem(Collection<? extends ConstraintViolation<?>> violations, String title) {
        List<Problem.FieldError> errors = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(Violations::fieldError)
                .toList();
        if (violations.stream().allMatch(Violations::overSizeLimit)) {
            return new ProblemException(413, "too-large", title,
                    errors.size() + " field(s) over their size limit", errors);
        }
        return new ProblemException(400, "validation", title, errors.size() + " invalid field(s)", errors);
    }

    static boolean overSizeLimit(ConstraintViolation<?> violation) {
        if (!(violation.getConstraintDescriptor().getAnnotation() instanceof Size size)) {
            return false;
        }
        Object value = violation.getInvalidValue();
        long length = value instanceof CharSequence text ? text.length()
                : value instanceof Collection<?> items ? items.size()
                : value instanceof Map<?, ?> entries ? entries.size()
                : value instanceof Object[] array ? array.length : -1;
        return length > size.max();
    }

    private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
        // the field path as clients know it: without the Java method and parameter of a resource method
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        String path = field.isEmpty() ? violation.getPropertyPath().toString() : field.toString();
        return new Problem.FieldError(path, violation.getMessage());
    }
}
