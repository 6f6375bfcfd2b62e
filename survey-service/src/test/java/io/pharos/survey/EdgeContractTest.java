package io.pharos.survey;

import io.pharos.testing.ServiceEdgeContract;
import io.quarkus.test.junit.QuarkusTest;

/** survey-service against the real Keycloak, PostgreSQL and Kafka of the local runtime. */
@QuarkusTest
class EdgeContractTest extends ServiceEdgeContract {

    @Override
    protected String ownRootField() {
        return "surveyTypes";
    }
}
