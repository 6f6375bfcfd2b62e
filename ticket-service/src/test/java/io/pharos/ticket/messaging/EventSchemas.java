package io.pharos.ticket.messaging;

import io.pharos.testing.KafkaEvents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The JSON Schemas ticket-service publishes for its events (src/main/resources/events). */
public final class EventSchemas {

    private static final Map<String, JsonSchema> SCHEMAS = Map.of(
            "ticket", load("ticket-event"), "customer", load("customer-event"),
            "requested", load("channel-message-requested"), "agent", load("agent-event"));

    private EventSchemas() {
    }

    /** Fails with every violation when the event does not match the schema of its type. */
    public static void assertValid(KafkaEvents.Event event) {
        String type = event.type();
        JsonSchema schema = type.startsWith("pharos.customer.") ? SCHEMAS.get("customer")
                : type.startsWith("pharos.agent.") ? SCHEMAS.get("agent")
                : type.equals("pharos.channel.message.requested") ? SCHEMAS.get("requested") : SCHEMAS.get("ticket");
        Set<ValidationMessage> errors = schema.validate(event.cloudEvent());
        assertThat(errors).as(type + " " + event.cloudEvent() + "\nviolations: "
                + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "))).isEmpty();
    }

    private static JsonSchema load(String name) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = EventSchemas.class.getResourceAsStream("/events/" + name + ".schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
