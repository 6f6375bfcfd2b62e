package io.pharos.ticket.service.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.pharos.commons.json.LowerCaseEnums;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.domain.IdentityType;

/** Channel identities in their canonical form, so that the same person is recognised twice. */
public final class Identities {

    public record Id(IdentityType type, String value) {
        @Override
        public String toString() {
            return LowerCaseEnums.wire(type) + ":" + value;
        }
    }

    private Identities() {
    }

    public static List<Id> of(IdentityInput input) {
        List<Id> ids = new ArrayList<>();
        add(ids, IdentityType.EMAIL, input.email());
        add(ids, IdentityType.PHONE, input.phone());
        add(ids, IdentityType.WHATSAPP, input.whatsapp());
        add(ids, IdentityType.TELEGRAM, input.telegram());
        add(ids, IdentityType.MESSENGER, input.messenger());
        add(ids, IdentityType.INSTAGRAM, input.instagram());
        add(ids, IdentityType.CHAT, input.chat());
        return ids;
    }

    /** Identities a visitor can only claim by typing them (email, phone); a channel's own ids are proven by the channel. */
    public static boolean claimable(Id id) {
        return id.type() == IdentityType.EMAIL || id.type() == IdentityType.PHONE;
    }

    /** Parses the {@code TYPE:VALUE} form of {@code GET /customers?identity=}. */
    public static Id parse(String typeAndValue) {
        int colon = typeAndValue == null ? -1 : typeAndValue.indexOf(':');
        if (colon <= 0 || colon == typeAndValue.length() - 1) {
            throw ProblemException.badRequest("invalid-identity", "identity must look like TYPE:VALUE, e.g. email:eleni@example.test");
        }
        IdentityType type;
        try {
            type = LowerCaseEnums.parse(IdentityType.class, typeAndValue.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-identity", e.getMessage());
        }
        return new Id(type, normalise(type, typeAndValue.substring(colon + 1)));
    }

    public static String normalise(IdentityType type, String value) {
        String v = value.trim();
        return switch (type) {
            case EMAIL -> v.toLowerCase(Locale.ROOT);
            case PHONE -> (v.startsWith("+") ? "+" : "") + v.replaceAll("[^0-9]", "");
            case WHATSAPP -> v.replaceAll("[^0-9]", "");
            default -> v;
        };
    }

    private static void add(List<Id> ids, IdentityType type, String value) {
        if (value != null && !value.isBlank()) {
            ids.add(new Id(type, normalise(type, value)));
        }
    }
}
