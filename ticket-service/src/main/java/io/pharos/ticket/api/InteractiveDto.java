package io.pharos.ticket.api;

/**
 * The button, list entry or quick reply a customer pressed: the provider's {@code type}
 * ({@code button_reply}, {@code list_reply}, {@code button}, {@code quick_reply}, {@code postback},
 * {@code callback_query}), its {@code id}, the {@code title} shown and the business's {@code payload}.
 */
public record InteractiveDto(String type, String id, String title, String payload) {
}
