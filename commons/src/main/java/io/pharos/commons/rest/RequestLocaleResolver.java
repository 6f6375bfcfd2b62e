package io.pharos.commons.rest;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.validator.spi.messageinterpolation.LocaleResolver;
import org.hibernate.validator.spi.messageinterpolation.LocaleResolverContext;

import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The language of validation messages, from the HTTP request being served (its Accept-Language),
 * for REST and GraphQL alike. Consulted before the resolvers of the extensions: SmallRye GraphQL's
 * takes its request from a thread-local that a GraphQL request can leave behind on a thread, and
 * then fails a later REST request's validation with a NullPointerException (a 400 answered as 500).
 */
@ApplicationScoped
@Unremovable
@Priority(Integer.MAX_VALUE)
public class RequestLocaleResolver implements LocaleResolver {

    private final CurrentVertxRequest current;

    public RequestLocaleResolver(CurrentVertxRequest current) {
        this.current = current;
    }

    @Override
    public Locale resolve(LocaleResolverContext context) {
        if (!Arc.container().requestContext().isActive()) {
            return null; // no request (a Kafka consumer, a scheduled job): the next resolver, else the default
        }
        RoutingContext request = current.getCurrent();
        if (request == null) {
            return null;
        }
        String accept = request.request().getHeader("Accept-Language");
        if (accept == null || accept.isBlank()) {
            return context.getDefaultLocale();
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(accept);
            Locale found = Locale.lookup(ranges, context.getSupportedLocales());
            return found != null ? found : context.getDefaultLocale();
        } catch (IllegalArgumentException e) {
            return context.getDefaultLocale(); // a malformed header is no reason to fail the request
        }
    }
}
