package io.pharos.channel.service.provider;

import java.util.Map;

/**
 * The providers' failure codes in words an agent can act on. Only the common ones are named; any
 * other keeps the provider's own words (its title, message and details), so nothing the provider
 * said is lost.
 */
public final class ProviderErrors {

    /** WhatsApp Cloud API error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes). */
    private static final Map<String, String> WHATSAPP = Map.ofEntries(
            Map.entry("131047", "More than 24 hours have passed since the customer last wrote: only an approved template message can reach them now."),
            Map.entry("470", "More than 24 hours have passed since the customer last wrote: only an approved template message can reach them now."),
            Map.entry("131026", "WhatsApp could not deliver the message: the number may not be on WhatsApp, or the customer's app is too old or has not accepted the terms."),
            Map.entry("131051", "WhatsApp does not support this type of message."),
            Map.entry("130472", "Not delivered: the customer's number is part of a Meta experiment on marketing messages."),
            Map.entry("131049", "Meta chose not to deliver this message, to keep the customer from receiving too many business messages."),
            Map.entry("131050", "The customer has stopped marketing messages from this business."),
            Map.entry("131048", "Too many customers marked this number's messages as spam: sending is rate limited."),
            Map.entry("131056", "Too many messages to this customer in a short time: wait before writing again."),
            Map.entry("131021", "The recipient is this business's own number."),
            Map.entry("132000", "The template's parameters do not match it: their number differs from the template's placeholders."),
            Map.entry("132001", "The template does not exist in this language, or is not approved yet."));

    /** Twilio error codes (twilio.com/docs/api/errors). */
    private static final Map<String, String> TWILIO = Map.ofEntries(
            Map.entry("30003", "The phone is unreachable: switched off or out of coverage."),
            Map.entry("30004", "The message was blocked: the recipient blocked it or their carrier does not accept it."),
            Map.entry("30005", "The number is unknown to the carrier: it may not exist any more."),
            Map.entry("30006", "The number is a landline, or its carrier cannot be reached: it cannot receive text messages."),
            Map.entry("30007", "The carrier filtered the message (as spam or for its content)."),
            Map.entry("30008", "The carrier reported an unknown error."),
            Map.entry("21610", "The customer unsubscribed (replied STOP): no messages can be sent to them until they opt in again."),
            Map.entry("21614", "The number is not a valid mobile number."),
            Map.entry("21211", "The number is not a valid phone number."));

    private ProviderErrors() {
    }

    /** A WhatsApp failure: the named reason, else the title, message and details as Meta gave them. */
    public static String whatsapp(String code, String title, String message, String details) {
        String known = code == null ? null : WHATSAPP.get(code);
        return known != null ? known : words(code, title, message, details);
    }

    /** A Twilio failure ({@code ErrorCode}, {@code ErrorMessage} when the callback has one). */
    public static String twilio(String code, String message) {
        String known = code == null ? null : TWILIO.get(code);
        return known != null ? known : words(code, "Twilio error " + code, message, null);
    }

    private static String words(String code, String title, String message, String details) {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] { title, message, details }) {
            if (part != null && !part.isBlank() && out.indexOf(part.strip()) < 0) {
                out.append(out.isEmpty() ? "" : ": ").append(part.strip());
            }
        }
        return out.isEmpty() ? (code == null ? "The provider did not deliver the message." : "Provider error " + code + ".") : out.toString();
    }
}
