package io.pharos.ticket.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

import io.pharos.commons.text.ControlCharacters;

/**
 * GraphQL arguments lose their control characters before any resolver sees them, as REST bodies
 * do (commons {@code ControlCharacterStrings}): a NUL in a subject, a message or a search would
 * otherwise reach PostgreSQL, which refuses it, and answer "System error". Query and mutation
 * fields only: nested fields take no text that is stored or searched.
 */
@ApplicationScoped
public class ControlCharacterArguments {

    GraphQLSchema.Builder stripArguments(@Observes GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry wrapped = registry.transform(code -> {
            for (GraphQLObjectType root : roots(schema)) {
                for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                    if (field.getArguments().isEmpty()) {
                        continue;
                    }
                    FieldCoordinates at = FieldCoordinates.coordinates(root, field);
                    code.dataFetcher(at, stripping(registry.getDataFetcher(at, field)));
                }
            }
        });
        return builder.codeRegistry(wrapped);
    }

    private static List<GraphQLObjectType> roots(GraphQLSchema schema) {
        List<GraphQLObjectType> roots = new ArrayList<>();
        if (schema.getQueryType() != null) {
            roots.add(schema.getQueryType());
        }
        if (schema.getMutationType() != null) {
            roots.add(schema.getMutationType());
        }
        if (schema.getSubscriptionType() != null) {
            roots.add(schema.getSubscriptionType());
        }
        return roots;
    }

    private static DataFetcher<?> stripping(DataFetcher<?> resolver) {
        return env -> resolver.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(env)
                .arguments(clean(env.getArguments())).build());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> clean(Map<String, Object> arguments) {
        Map<String, Object> cleaned = new LinkedHashMap<>();
        arguments.forEach((name, value) -> cleaned.put(name, cleanValue(value)));
        return cleaned;
    }

    @SuppressWarnings("unchecked")
    private static Object cleanValue(Object value) {
        if (value instanceof String text) {
            return ControlCharacters.strip(text);
        }
        if (value instanceof Map<?, ?> map) {
            return clean((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> cleaned = new ArrayList<>(list.size());
            list.forEach(v -> cleaned.add(cleanValue(v)));
            return cleaned;
        }
        return value;
    }
}
