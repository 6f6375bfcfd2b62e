package io.pharos.channel.client;

import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.domain.Undeliverable;

/**
 * A provider's refusal (HTTP 4xx other than 429) as an {@link Undeliverable} with the provider's code
 * and message: sending it again would be refused again. Server errors and throttling stay as they
 * are, to be retried. The error bodies, as the providers document them:
 * <ul>
 * <li>Graph API (WhatsApp, Messenger, Instagram): {@code {"error": {"message", "type", "code", "error_data": {"details"},
 * "fbtrace_id"}}} (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes)</li>
 * <li>Twilio: {@code {"code": 21211, "message", "more_info", "status": 400}} (twilio.com/docs/usage/twilios-response)</li>
 * <li>Telegram: {@code {"ok": false, "error_code": 400, "description"}} (core.telegram.org/bots/api#making-requests)</li>
 * </ul>
 */
final class ProviderErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderErrors() {
    }

    static Throwable refused(String provider, Throwable failure) {
        if (!(failure instanceof WebApplicationException wae) || wae.getResponse() == null) {
            return failure;
        }
        int status = wae.getResponse().getStatus();
        if (status < 400 || status >= 500 || status == 429) {
            return failure;
        }
        JsonNode body = body(wae);
        String code = null;
        String message = null;
        if (body.path("error").isObject()) { // Graph API
            JsonNode error = body.path("error");
            code = text(error.path("code"));
            message = text(error.path("message"));
            String details = text(error.path("error_data").path("details"));
            if (details != null && (message == null || !message.contains(details))) {
                message = message == null ? details : message + " (" + details + ")";
            }
        } else if (body.has("error_code")) { // Telegram
            code = text(body.path("error_code"));
            message = text(body.path("description"));
        } else if (body.has("code")) { // Twilio
            code = text(body.path("code"));
            message = text(body.path("message"));
        }
        String reason = provider + ": " + (message != null ? message : "refused with HTTP " + status);
        return new Undeliverable(reason, code);
    }

    private static JsonNode body(WebApplicationException e) {
        try {
            String text = e.getResponse().readEntity(String.class);
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (RuntimeException | java.io.IOException unreadable) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
