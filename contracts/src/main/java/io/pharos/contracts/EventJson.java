package io.pharos.contracts;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * An ObjectMapper that writes and reads events as they travel (the services' Quarkus mapper does
 * the same): ISO-8601 instants, lower-case enums read in any case, unknown fields ignored so that
 * compatible additions never break a reader. For tools, tests and integrators outside the services.
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectMapper newMapper() {
        SimpleModule lowerCaseEnums = new SimpleModule("pharos-event-enums");
        lowerCaseEnums.addSerializer(Enum.class, new LowerCase());
        return JsonMapper.builder().addModule(new JavaTimeModule()).addModule(lowerCaseEnums)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @SuppressWarnings("rawtypes")
    private static final class LowerCase extends StdSerializer<Enum> {

        LowerCase() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }
}
