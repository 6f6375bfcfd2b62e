package io.pharos.survey.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.messaging.History;
import io.pharos.commons.rest.ImportLineResult;
import io.pharos.commons.rest.NdjsonImport;
import io.pharos.commons.rest.Validation;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.survey.api.ResponseInput;
import io.pharos.survey.service.ResponseService;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;

/**
 * Imports survey history as NDJSON, one response per line. Each line is its own transaction, so a
 * bad line loses nothing else; a line whose externalId was imported before answers {@code exists}
 * (an interrupted import can simply run again). Each line runs as history ({@link History}): its
 * {@code pharos.survey.responded} event is marked historical. Every result line echoes the line's
 * externalId, failed ones too, so an integrator can match results without counting lines.
 */
@Path("/api/v1/responses/import")
@RolesAllowed({ Roles.INTEGRATOR, Roles.ADMIN })
@Tag(name = "responses")
public class ResponseImportResource {

    static final int MAX_LINE = 100_000;

    private final ResponseService responses;
    private final TenantContext caller;
    private final ObjectMapper json;
    private final Validator validator;

    public ResponseImportResource(ResponseService responses, TenantContext caller, ObjectMapper json, Validator validator) {
        this.responses = responses;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @Blocking
    @Consumes({ "application/x-ndjson", "application/jsonl", "text/plain" })
    @Produces("application/x-ndjson")
    @Operation(summary = "Import historical responses (NDJSON, one per line, with respondedAt, type, score, ticketId/customerId)",
            description = "Answers one NDJSON line per input line: {line, status: created|exists|failed, id, externalId, error}.")
    public Response importResponses(InputStream body) {
        String tenant = caller.tenant();
        return Response.ok(NdjsonImport.stream(body, json, MAX_LINE, (number, line) -> {
            ResponseInput input = Validation.valid(validator, json.readValue(line, ResponseInput.class), "Invalid response");
            ResponseService.Imported imported = VertxContextSupport
                    .subscribeAndAwait(() -> History.of(() -> responses.importResponse(tenant, input)));
            return ImportLineResult.done(number, imported.created() ? "created" : "exists", imported.response().id(),
                    imported.response().externalId());
        })).build();
    }
}
