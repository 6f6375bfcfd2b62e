package io.pharos.commons.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per error kind that clients may
 * switch on; {@code errors} lists field-level violations for validation problems.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:pharos:problem:";

    public record FieldError(String field, String message) {
    }

    public static String type(String kind) {
        return TYPE_PREFIX + kind;
    }
}
