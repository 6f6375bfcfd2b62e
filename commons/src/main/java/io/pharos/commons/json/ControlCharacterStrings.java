package io.pharos.commons.json;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.pharos.commons.text.ControlCharacters;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Every string read into a record (REST bodies, Kafka events) loses its control characters
 * ({@link ControlCharacters}): a NUL in a field is dropped at the edge instead of failing the
 * database write behind it with a 500 or sending the event to a dead-letter topic.
 */
@Singleton
public class ControlCharacterStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("pharos-control-characters");
        module.addDeserializer(String.class, new Reader());
        mapper.registerModule(module);
    }

    private static final class Reader extends StdScalarDeserializer<String> {
        Reader() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return ControlCharacters.strip(StringDeserializer.instance.deserialize(p, ctxt));
        }
    }
}
