package io.pharos.survey.api;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.commons.rest.Problem;

/** The answer to one import line: created, already there (same externalId), or why it was refused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportResult(long line, String status, UUID id, String externalId, Problem error) {

    public static ImportResult of(long line, ResponseDto r, boolean created) {
        return new ImportResult(line, created ? "created" : "exists", r.id(), r.externalId(), null);
    }

    public static ImportResult failed(long line, Problem error) {
        return new ImportResult(line, "failed", null, null, error);
    }
}
