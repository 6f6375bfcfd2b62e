package io.pharos.channel.graphql;

import org.junit.jupiter.api.Test;

import io.pharos.testing.SubgraphLimitsContract;
import io.quarkus.test.junit.QuarkusTest;

/** channel-gateway's subgraph applies the shared query limits (commons graphql/QueryLimits) itself, not only the gateway. */
@QuarkusTest
class GraphQLLimitsTest {

    @Test
    void aDocumentNestedDeeperThanTheLimitIsRefusedBeforeAnythingRuns() {
        SubgraphLimitsContract.deepDocumentsAreRefused("supportedChannels");
    }

    @Test
    void aBodyNestedPastTheJsonReadersLimitIsABadRequestNotAServerError() {
        SubgraphLimitsContract.unreadableBodiesAreBadRequests("supportedChannels");
    }
}
