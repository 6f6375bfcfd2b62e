package io.pharos.commons.graphql;

import java.util.List;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.smallrye.graphql.spi.EventingService;

/**
 * Adds {@link QueryLimitsInstrumentation} after whatever instrumentation SmallRye GraphQL set up
 * (its query cache, which must see every validation start, and federation tracing), in every
 * service that serves GraphQL: SmallRye loads this through
 * {@code META-INF/services/io.smallrye.graphql.spi.EventingService}.
 */
public class QueryLimitsEventing implements EventingService {

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // the builder does not tell what it holds; a throwaway build does
        Instrumentation existing = builder.build().getInstrumentation();
        return builder.instrumentation(new ChainedInstrumentation(List.of(existing, new QueryLimitsInstrumentation(QueryLimits.fromConfig()))));
    }
}
