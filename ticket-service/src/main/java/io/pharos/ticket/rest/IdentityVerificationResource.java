package io.pharos.ticket.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.ticket.service.customer.IdentityVerification;
import io.pharos.ticket.service.customer.IdentityVerification.Outcome;
import io.pharos.ticket.service.customer.IdentityVerification.Result;
import io.smallrye.mutiny.Uni;

/**
 * The page a verification mail links to; the link is the only credential. Opening it (GET) only
 * asks, so that a mail scanner fetching links verifies nothing; the button (POST) verifies. 200
 * when verified, 404 for a link that is not ours, 410 for one expired or already used.
 */
@Path("/verify-identity/{token}")
@Tag(name = "identity verification")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class IdentityVerificationResource {

    private final IdentityVerification verification;

    public IdentityVerificationResource(IdentityVerification verification) {
        this.verification = verification;
    }

    @GET
    @Operation(summary = "The confirmation page of a claimed email address (changes nothing)")
    public Uni<Response> show(@PathParam("token") String token) {
        return verification.check(token).map(r -> r.outcome() == Outcome.VERIFIED
                ? page(200, "Confirm your email address", "<p>Is <strong>" + escape(r.value()) + "</strong> your address?</p>"
                        + "<form method=\"post\"><button type=\"submit\">Yes, confirm it</button></form>")
                : failed(r));
    }

    @POST
    @Operation(summary = "Confirms a claimed email address: the identity becomes verified (and joins the customer who holds it)")
    public Uni<Response> confirm(@PathParam("token") String token) {
        return verification.verify(token).map(r -> switch (r.outcome()) {
            case VERIFIED, MERGED -> page(200, "Thank you", "<p>Your address " + escape(r.value())
                    + " is confirmed. Our answers can now reach you there.</p>");
            default -> failed(r);
        });
    }

    private static Response failed(Result r) {
        return switch (r.outcome()) {
            case EXPIRED -> page(410, "Link expired", "<p>This link has expired. Write to us again to get a new one.</p>");
            case USED -> page(410, "Already confirmed", "<p>This link was already used.</p>");
            default -> page(404, "Link not valid", "<p>This link is not valid. Please use the link from the mail we sent you.</p>");
        };
    }

    private static Response page(int status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1>" + body + "</body></html>";
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'").build();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
