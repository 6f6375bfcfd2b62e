package io.pharos.channel;

import io.pharos.testing.ServiceEdgeContract;
import io.quarkus.test.junit.QuarkusTest;

/** channel-gateway against the real Keycloak, PostgreSQL and Kafka of the local runtime. */
@QuarkusTest
class EdgeContractTest extends ServiceEdgeContract {

    @Override
    protected String ownRootField() {
        return "supportedChannels";
    }
}
