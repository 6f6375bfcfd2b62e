package io.pharos.ticket.api;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.commons.rest.Problem;

/** The answer to one import line: the ticket it became, or why it was refused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportResult(long line, String status, UUID id, Long number, String externalId, Problem error) {

    public static ImportResult created(long line, TicketDto t) {
        return new ImportResult(line, "created", t.id(), t.number(), t.externalId(), null);
    }

    public static ImportResult failed(long line, Problem error) {
        return new ImportResult(line, "failed", null, null, null, error);
    }
}
