package io.pharos.ticket.rest;

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
import io.pharos.ticket.api.ImportedCustomer;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.UniqueRaces;
import io.pharos.ticket.service.customer.CustomerImport;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;

/**
 * Imports customers with their past as NDJSON, one customer per line, read and answered as a
 * stream like the ticket import. Each line is its own transaction and an import of history: its
 * events are marked historical, and nothing live (no verification mail) happens.
 */
@Path("/api/v1/customers/import")
@RolesAllowed({ Roles.INTEGRATOR, Roles.ADMIN })
@Tag(name = "Customers")
public class CustomerImportResource {

    /**
     * One customer's line: twenty identities, fifty tags and a name take a few tens of thousands of
     * characters at most; a line far beyond that is refused unread.
     */
    static final int MAX_LINE = 256 * 1024;

    private final CustomerImport customers;
    private final TenantContext caller;
    private final ObjectMapper json;
    private final Validator validator;

    public CustomerImportResource(CustomerImport customers, TenantContext caller, ObjectMapper json, Validator validator) {
        this.customers = customers;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @Blocking
    @Consumes({ "application/x-ndjson", "application/jsonl", "text/plain" })
    @Produces("application/x-ndjson")
    @Operation(summary = "Import customers with their past (NDJSON, one customer per line)",
            description = "Each line: {externalId, name, language, tags[], createdAt (required), lifecycle (active|churned), "
                    + "churnedOn (date; required when churned, not before createdAt), identities: [{type: email|phone|whatsapp|"
                    + "telegram|messenger|instagram|chat, value}] (at most 20)}. A customer already known by externalId or by one of "
                    + "the identities is updated: the older createdAt wins, the line's lifecycle and churn date apply, tags and "
                    + "identities are added. Events are marked historical; no verification mail is sent. Answers one NDJSON line per "
                    + "input line: {line, status: created|updated|failed, id, externalId, error (problem+json)}.")
    public Response importCustomers(InputStream body) {
        String tenant = caller.tenant();
        Actor actor = Callers.actor(caller);
        return Response.ok(NdjsonImport.stream(body, json, MAX_LINE, (number, line) -> {
            ImportedCustomer customer = Validation.valid(validator, json.readValue(line, ImportedCustomer.class), "Invalid customer");
            // the whole line is history (its events are marked); run again when it lost a race on a unique value
            CustomerImport.Outcome done = VertxContextSupport.subscribeAndAwait(
                    () -> History.of(() -> UniqueRaces.retry(() -> customers.importCustomer(tenant, customer, actor))));
            return ImportLineResult.done(number, done.created() ? "created" : "updated", done.id(), customer.externalId());
        })).build();
    }
}
