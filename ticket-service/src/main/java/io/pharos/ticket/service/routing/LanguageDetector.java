package io.pharos.ticket.service.routing;

/**
 * Greek or English from a message, when the customer's profile does not say: the share of Greek
 * letters among all letters decides. Enough to route to a Greek-speaking agent; a real detector
 * can replace it behind {@link #detect}.
 */
public final class LanguageDetector {

    private LanguageDetector() {
    }

    /** "el", "en", or null when the text has no letters to judge by. */
    public static String detect(String text) {
        if (text == null) {
            return null;
        }
        int greek = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                continue;
            }
            Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
            if (block == Character.UnicodeBlock.GREEK || block == Character.UnicodeBlock.GREEK_EXTENDED) {
                greek++;
            } else if (c < 0x250) {
                latin++;
            }
        }
        if (greek + latin == 0) {
            return null;
        }
        return greek * 10 >= (greek + latin) * 3 ? "el" : latin > 0 ? "en" : null;
    }
}
