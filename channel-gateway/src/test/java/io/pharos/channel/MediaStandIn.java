package io.pharos.channel;

import java.util.HashMap;
import java.util.Map;

/**
 * The provider stand-in for media fetching: its media links point at WireMock on this machine,
 * which the outbound guard lets through by exactly that name and port (and nothing else local).
 */
public class MediaStandIn extends ProviderStandIn {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("pharos.outbound.allow", "localhost:3143,localhost:3025,localhost:" + server.port());
        return config;
    }
}
