package io.pharos.commons.json;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Enum values are lower-case in REST JSON and events ({@code on_hold}, docs/api-conventions.md) while the
 * Java constants stay upper-case (and so does GraphQL). Reading accepts any case; an unknown
 * value is a 400 that names the accepted ones.
 */
@Singleton
public class LowerCaseEnums implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("pharos-lower-case-enums");
        module.addSerializer(Enum.class, new Writer());
        module.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                    BeanDescription beanDesc) {
                // every enum, not only registered ones
                return new Reader(type);
            }
        });
        mapper.registerModule(module);
    }

    public static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire value in any case, or an IllegalArgumentException naming the choices. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + choices(type));
    }

    static String choices(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> wire((Enum<?>) c)).toList().toString();
    }

    @SuppressWarnings("rawtypes")
    private static final class Writer extends StdSerializer<Enum> {
        Writer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(wire(value));
        }
    }

    private static final class Reader extends JsonDeserializer<Object> {
        private final Class<?> type;

        Reader(Class<?> type) {
            this.type = type;
        }

        @Override
        @SuppressWarnings({ "unchecked", "rawtypes" })
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse((Class) type, text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, type);
            }
        }
    }
}
