package io.pharos.analytics.graphql;

import org.junit.jupiter.api.Test;

import io.pharos.testing.SubgraphLimitsContract;
import io.quarkus.test.junit.QuarkusTest;

/** analytics-service's subgraph applies the shared query limits (commons graphql/QueryLimits) itself, not only the gateway. */
@QuarkusTest
class GraphQLLimitsTest {

    @Test
    void aDocumentNestedDeeperThanTheLimitIsRefusedBeforeAnythingRuns() {
        SubgraphLimitsContract.deepDocumentsAreRefused("kpiCatalog");
    }

    @Test
    void aBodyNestedPastTheJsonReadersLimitIsABadRequestNotAServerError() {
        SubgraphLimitsContract.unreadableBodiesAreBadRequests("kpiCatalog");
    }
}
