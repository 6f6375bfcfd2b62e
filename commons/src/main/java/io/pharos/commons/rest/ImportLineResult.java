package io.pharos.commons.rest;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to one line of an NDJSON import, the same in every service: {@code created},
 * {@code updated} or {@code exists} with the id of what the line became (and a ticket's
 * {@code number}), or {@code failed} with a problem+json {@code error}; always the line's own
 * {@code externalId} when the line gave one, so an integrator can match results to its records.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportLineResult(long line, String status, UUID id, Long number, String externalId, Problem error) {

    public static ImportLineResult done(long line, String status, UUID id, String externalId) {
        return new ImportLineResult(line, status, id, null, externalId, null);
    }

    public static ImportLineResult failed(long line, String externalId, Problem error) {
        return new ImportLineResult(line, "failed", null, null, externalId, error);
    }

    public ImportLineResult withNumber(long ticketNumber) {
        return new ImportLineResult(line, status, id, ticketNumber, externalId, error);
    }
}
