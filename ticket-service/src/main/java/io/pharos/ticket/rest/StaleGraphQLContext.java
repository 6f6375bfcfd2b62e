package io.pharos.ticket.rest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * SmallRye GraphQL keeps the current request's context in a thread-local that a batched field's
 * continuation can leave set on an event-loop thread after the GraphQL request ended. Hibernate
 * Validator's GraphQL locale resolver then takes a later REST request on that thread for a GraphQL
 * one and fails on its missing data-fetching environment, turning a REST 400 into a 500. A REST
 * request is never a GraphQL one: it starts without that context.
 */
public class StaleGraphQLContext {

    @ServerRequestFilter(preMatching = true)
    public void clear() {
        SmallRyeContextManager.clearCurrentSmallRyeContext();
    }
}
