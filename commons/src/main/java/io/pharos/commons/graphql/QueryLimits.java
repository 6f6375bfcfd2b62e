package io.pharos.commons.graphql;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What one GraphQL request may ask of a subgraph ({@code pharos.graphql.*}; defaults in commons'
 * microprofile-config.properties). The gateway (deploy/gateway/gateway.config.ts) applies the same
 * numbers to whole client documents, so nothing it lets through is refused here.
 *
 * @param maxDepth        nested fields on one path, the root field counting 1
 * @param maxAliases      aliased fields in the document
 * @param maxRootFields   fields of the operation's root selection
 * @param maxCost         each field costs the number of times it resolves: a list field multiplies what is below it
 * @param maxPageSize     largest {@code first}/{@code last}/{@code limit} argument (the REST {@code limit} maximum too)
 * @param defaultListSize items assumed for a list that takes no page-size argument (a customer's tickets, a ticket's messages)
 * @param timeout         wall time after which no further field is resolved
 * @param introspection   whether {@code __schema}/{@code __type} are answered ({@code __typename} always is)
 */
public record QueryLimits(int maxDepth, int maxAliases, int maxRootFields, long maxCost, int maxPageSize,
        int defaultListSize, Duration timeout, boolean introspection) {

    public static QueryLimits fromConfig() {
        Config config = ConfigProvider.getConfig();
        return new QueryLimits(
                config.getOptionalValue("pharos.graphql.max-depth", Integer.class).orElse(10),
                config.getOptionalValue("pharos.graphql.max-aliases", Integer.class).orElse(50),
                config.getOptionalValue("pharos.graphql.max-root-fields", Integer.class).orElse(50),
                config.getOptionalValue("pharos.graphql.max-cost", Long.class).orElse(10_000L),
                config.getOptionalValue("pharos.graphql.max-page-size", Integer.class).orElse(100),
                config.getOptionalValue("pharos.graphql.default-list-size", Integer.class).orElse(10),
                config.getOptionalValue("pharos.graphql.timeout", Duration.class).orElse(Duration.ofSeconds(10)),
                config.getOptionalValue("pharos.graphql.introspection", Boolean.class).orElse(true));
    }
}
