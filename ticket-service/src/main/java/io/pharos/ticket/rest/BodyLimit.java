package io.pharos.ticket.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.attachments.AttachmentLimits;
import io.pharos.commons.rest.Problem;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP body limit ({@code quarkus.http.limits.max-body-size}) and the attachment limits agree:
 * startup fails when a tenant may upload a file the body limit would cut off, and a body over it is
 * answered with problem+json like every other refusal (Quarkus' own answer is an empty 413).
 */
@ApplicationScoped
public class BodyLimit {

    /** What a multipart body adds around one file (boundaries, part headers, the fileName field). */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxBody;
    private final AttachmentLimits limits;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody, AttachmentLimits limits) {
        this.maxBody = maxBody.asLongValue();
        this.limits = limits;
    }

    void verify(@Observes StartupEvent started) {
        long largest = limits.tenants().values().stream().map(t -> t.maxFileBytes().orElse(0L)).reduce(limits.maxFileBytes(), Math::max);
        if (largest + MULTIPART_OVERHEAD > maxBody) {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + maxBody + " bytes) is below the largest attachment limit ("
                    + largest + " bytes, pharos.attachments.limits.*max-file-bytes) plus " + MULTIPART_OVERHEAD + " bytes of multipart: raise it");
        }
    }

    void install(@Observes Router router) {
        // before Quarkus' own check of the declared length (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT) and its body handler
        router.route().order(Integer.MIN_VALUE).handler(this::declared);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    private void declared(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared > maxBody) {
            refuse(ctx, declared);
            return;
        }
        ctx.next();
    }

    /** A body that turned out too large while it was read (no declared length). */
    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            refuse(ctx, -1);
            return;
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, long declared) {
        Problem problem = new Problem(Problem.type("body-too-large"), "Content too large", 413,
                (declared < 0 ? "The request body is" : "The request body has " + declared + " bytes,") + " over the limit of " + maxBody
                        + " bytes.", ctx.request().path(), null);
        // the rest of an oversized body is not read: the connection ends with the answer
        ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                .end(Json.encode(problem));
    }
}
