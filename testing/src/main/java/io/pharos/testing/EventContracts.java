package io.pharos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.pharos.contracts.EventCatalog;

/**
 * Checks an event as it really travelled against the published JSON Schema of its type (generated
 * from the contracts module's records, shipped in its jar): what a consumer in another language
 * would validate against.
 */
public final class EventContracts {

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** Fails with every violation when the event is of an unknown type or does not match its schema. */
    public static void assertValid(KafkaEvents.Event event) {
        assertThat(violations(event.cloudEvent())).as("%s on %s: %s", event.type(), event.topic(), event.cloudEvent()).isEmpty();
    }

    /** What is wrong with one CloudEvent (structured JSON), empty when it keeps its contract. */
    public static Set<String> violations(JsonNode cloudEvent) {
        String type = cloudEvent.path("type").asText();
        if (EventCatalog.byName(type).isEmpty()) {
            return Set.of("unknown event type '" + type + "'");
        }
        return schema(type).validate(cloudEvent).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            try (InputStream in = EventContracts.class.getResourceAsStream("/pharos/events/schemas/" + t + ".schema.json")) {
                if (in == null) {
                    throw new AssertionError("no published schema for " + t);
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
