package io.pharos.ticket.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.rest.Problem;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.ImportResult;
import io.pharos.ticket.api.ImportedTicket;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.TicketService;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;

/**
 * Imports history as NDJSON, one whole ticket per line. The body is read and answered as a
 * stream (one result line per input line, as soon as it is done), so an import of any size never
 * sits in memory; each ticket is its own transaction, so a bad line loses nothing else.
 */
@Path("/api/v1/tickets/import")
@RolesAllowed({ Roles.INTEGRATOR, Roles.ADMIN })
@Tag(name = "Tickets")
public class TicketImportResource {

    private static final Logger LOG = Logger.getLogger(TicketImportResource.class);
    static final int MAX_LINE = 1_000_000;

    private final TicketService tickets;
    private final TenantContext caller;
    private final ObjectMapper json;
    private final Validator validator;

    public TicketImportResource(TicketService tickets, TenantContext caller, ObjectMapper json, Validator validator) {
        this.tickets = tickets;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @Blocking
    @Consumes({ "application/x-ndjson", "application/jsonl", "text/plain" })
    @Produces("application/x-ndjson")
    @Operation(summary = "Import tickets with their history (NDJSON, one ticket per line)",
            description = "Answers one NDJSON line per input line: {line, status: created|failed, id, number, externalId, error}.")
    public Response importTickets(InputStream body) {
        String tenant = caller.tenant();
        Actor actor = Callers.actor(caller);
        StreamingOutput results = out -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                long number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    write(out, importLine(tenant, actor, number, line));
                }
            }
        };
        return Response.ok(results).build();
    }

    private ImportResult importLine(String tenant, Actor actor, long number, String line) {
        try {
            if (line.length() > MAX_LINE) {
                throw ProblemException.badRequest("line-too-long", "A line may hold at most " + MAX_LINE + " characters.");
            }
            ImportedTicket ticket = json.readValue(line, ImportedTicket.class);
            Set<ConstraintViolation<ImportedTicket>> violations = validator.validate(ticket);
            if (!violations.isEmpty()) {
                List<Problem.FieldError> errors = violations.stream()
                        .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
                throw new ProblemException(400, "validation", "Invalid ticket", errors.size() + " invalid field(s)", errors);
            }
            return ImportResult.created(number, VertxContextSupport.subscribeAndAwait(() -> tickets.importTicket(tenant, ticket, actor)));
        } catch (ProblemException e) {
            return ImportResult.failed(number, e.toProblem(null));
        } catch (JsonProcessingException e) {
            return ImportResult.failed(number, new Problem(Problem.type("malformed-json"), "Malformed JSON", 400,
                    e.getOriginalMessage(), null, null));
        } catch (Throwable e) {
            Throwable cause = e.getCause() instanceof ProblemException p ? p : e;
            if (cause instanceof ProblemException p) {
                return ImportResult.failed(number, p.toProblem(null));
            }
            LOG.errorf(e, "import line %d failed", number);
            return ImportResult.failed(number, new Problem(Problem.type("internal"), "Internal error", 500,
                    "This line could not be imported; it has been logged.", null, null));
        }
    }

    private void write(OutputStream out, ImportResult result) throws IOException {
        out.write(json.writeValueAsBytes(result));
        out.write('\n');
        out.flush();
    }
}
