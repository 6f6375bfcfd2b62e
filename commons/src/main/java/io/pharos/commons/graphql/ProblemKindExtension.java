package io.pharos.commons.graphql;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import io.pharos.commons.rest.ProblemException;
import io.smallrye.graphql.api.ErrorExtensionProvider;

/**
 * Adds {@code extensions.kind} to GraphQL errors: the same machine-readable kind a REST client
 * reads from problem+json (validation, not-found, conflict, …), so GraphQL clients switch on it too.
 */
public class ProblemKindExtension implements ErrorExtensionProvider {

    @Override
    public String getKey() {
        return "kind";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        Throwable t = exception;
        while (t != null && !(t instanceof ProblemException)) {
            t = t.getCause();
        }
        return t instanceof ProblemException p ? Json.createValue(p.kind()) : JsonValue.NULL;
    }
}
