package io.pharos.contracts;

import java.time.LocalTime;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;

/**
 * The JSON Schema of one event type: the CloudEvents envelope with the type fixed and the schema of
 * its data record, generated from the record (victools), so the schema cannot drift from the code.
 */
final class EventSchemaGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SchemaGenerator generator;

    EventSchemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(JSON, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.INLINE_ALL_SCHEMAS, Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.FLATTENED_ENUMS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        // java.time writes a LocalTime as "09:00" (seconds only when set); JSON Schema's "time" format wants an offset
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> javaType.getErasedType() == LocalTime.class
                ? new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "string")
                        .put("pattern", "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$"),
                        CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO)
                : null);
        config.forFields()
                .withRequiredCheck(field -> field.getAnnotationConsideringFieldAndGetter(Nullable.class) == null)
                .withNullableCheck(field -> field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null);
        generator = new SchemaGenerator(config.build());
    }

    ObjectNode schema(EventType<?> type) {
        ObjectNode data = generator.generateSchema(type.dataClass());
        lowerCaseEnums(data);
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://pharos.io/events/" + type.name() + ".schema.json");
        schema.put("title", type.name());
        schema.put("description", "CloudEvents 1.0 (structured JSON) on topic " + type.topic() + "; data is "
                + type.dataClass().getSimpleName() + " of io.pharos.contracts");
        schema.put("type", "object");
        ArrayNode required = schema.putArray("required");
        for (String name : new String[] { "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "tenant", "data" }) {
            required.add(name);
        }
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("const", CloudEvent.SPEC_VERSION);
        properties.putObject("id").put("type", "string").put("format", "uuid");
        properties.putObject("source").put("type", "string").put("pattern", "^//pharos/[a-z-]+$");
        properties.putObject("type").put("const", type.name());
        properties.putObject("subject").put("type", "string").put("minLength", 1);
        properties.putObject("time").put("type", "string").put("format", "date-time");
        properties.putObject("datacontenttype").put("const", CloudEvent.CONTENT_TYPE);
        properties.putObject("tenant").put("type", "string").put("minLength", 1);
        properties.set("data", data);
        return schema;
    }

    /** Enum values travel lower-case (commons' LowerCaseEnums); the schema says what travels. */
    private static void lowerCaseEnums(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode values = object.get("enum");
            if (values instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual()) {
                        array.set(i, new TextNode(array.get(i).asText().toLowerCase(Locale.ROOT)));
                    }
                }
            }
            object.elements().forEachRemaining(EventSchemaGenerator::lowerCaseEnums);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(EventSchemaGenerator::lowerCaseEnums);
        }
    }
}
