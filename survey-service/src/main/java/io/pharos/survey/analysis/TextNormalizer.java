package io.pharos.survey.analysis;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes Greek and English text comparable: lower case, accents and diaeresis removed
 * (ά→α, ϊ→ι), final sigma folded (ς→σ), everything that is not a letter or digit a separator.
 */
public final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("").replace('ς', 'σ');
        // English contractions: "didn't" -> "didnt", so a negation stays one word
        plain = plain.replace("'", "").replace("’", "");
        return SEPARATORS.matcher(plain).replaceAll(" ").strip();
    }

    public static List<String> tokens(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
    }
}
