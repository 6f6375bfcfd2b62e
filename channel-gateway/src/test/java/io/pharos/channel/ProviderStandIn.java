package io.pharos.channel;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** WireMock standing in for the third-party provider APIs (Meta, Twilio, Telegram) — never for our own infrastructure. */
public class ProviderStandIn implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        String url = server.baseUrl();
        return Map.of("quarkus.rest-client.meta.url", url + "/meta", "quarkus.rest-client.twilio.url", url + "/twilio",
                "quarkus.rest-client.telegram.url", url + "/telegram");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
