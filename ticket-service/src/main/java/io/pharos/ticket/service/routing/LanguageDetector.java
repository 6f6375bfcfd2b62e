package io.pharos.ticket.service.routing;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The language of a customer's message when their profile does not say, among the languages the
 * tenant serves ({@code pharos.languages.supported}, ISO 639-1): Lingua's n-gram models decide.
 * The detector is built once, on first use, with only those languages (a model per language
 * costs memory); startup warms it on a worker thread so that no event loop waits for the models
 * to load. Text too short to judge, or that Lingua cannot decide, falls back to the script
 * heuristic Pharos used before (a third of the letters Greek: Greek; else English).
 */
@ApplicationScoped
public class LanguageDetector {

    private static final Logger LOG = Logger.getLogger(LanguageDetector.class);
    /** Fewer letters than this say too little for n-grams: the script decides. */
    private static final int MIN_LETTERS = 5;

    private final Set<Language> languages;
    private final boolean lowAccuracy;
    private volatile com.github.pemistahl.lingua.api.LanguageDetector detector;

    @Inject
    public LanguageDetector(@ConfigProperty(name = "pharos.languages.supported", defaultValue = "el,en") List<String> supported,
            @ConfigProperty(name = "pharos.languages.low-accuracy", defaultValue = "true") boolean lowAccuracy) {
        this.languages = languages(supported);
        this.lowAccuracy = lowAccuracy;
    }

    void warm(@Observes StartupEvent ignored) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                detect("Καλησπέρα, η παραγγελία μου δεν έφτασε. Hello, my order has not arrived.");
            } catch (RuntimeException e) {
                LOG.warnf(e, "language models could not be loaded; the script heuristic decides");
            }
        });
    }

    /** An ISO 639-1 code of a served language, or null when the text has no letters to judge by. */
    public String detect(String text) {
        if (text == null) {
            return null;
        }
        long letters = text.codePoints().filter(Character::isLetter).count();
        if (letters >= MIN_LETTERS && languages.size() >= 2) {
            Language language = detector().detectLanguageOf(text);
            if (language != Language.UNKNOWN) {
                return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
            }
        }
        return byScript(text);
    }

    private com.github.pemistahl.lingua.api.LanguageDetector detector() {
        com.github.pemistahl.lingua.api.LanguageDetector d = detector;
        if (d == null) {
            synchronized (this) {
                d = detector;
                if (d == null) {
                    LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new));
                    detector = d = (lowAccuracy ? builder.withLowAccuracyMode() : builder).build();
                }
            }
        }
        return d;
    }

    private static Set<Language> languages(List<String> codes) {
        Set<Language> set = EnumSet.noneOf(Language.class);
        for (String code : codes) {
            String c = code.strip().toUpperCase(Locale.ROOT);
            if (c.isEmpty()) {
                continue;
            }
            try {
                set.add(Language.Companion.getByIsoCode639_1(IsoCode639_1.valueOf(c)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pharos.languages.supported: " + code + " is no ISO 639-1 code Lingua knows", e);
            }
        }
        return set;
    }

    /** "el", "en", or null when the text has no letters to judge by: the share of Greek letters decides. */
    static String byScript(String text) {
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
