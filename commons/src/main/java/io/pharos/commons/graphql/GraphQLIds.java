package io.pharos.commons.graphql;

import java.util.UUID;

import io.pharos.commons.rest.ProblemException;

/**
 * GraphQL IDs arrive as strings. SmallRye GraphQL declares an {@code @Id UUID} argument as
 * {@code ID} but then refuses every value given for it ("is not a valid 'String'"), so arguments
 * and input fields are {@code @Id String} and are read here.
 */
public final class GraphQLIds {

    private GraphQLIds() {
    }

    /** The UUID an ID argument names; one that is no UUID names nothing of ours (not found). */
    public static UUID of(String what, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(what, id);
        }
    }

    /** An optional ID field of an input: null stays null, anything but a UUID is a validation error. */
    public static UUID field(String name, String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("validation", name + " is not an ID of this API: " + id);
        }
    }
}
