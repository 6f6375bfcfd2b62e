package io.pharos.survey.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.survey.analysis.CommentAnalysis.Sentiment;

/**
 * Lexicon-based analysis for Greek and English: transparent (it reports the words that decided)
 * and tunable by editing a JSON file ({@code pharos.survey.lexicon}, default the bundled
 * {@code comment-lexicon.json}). Sentiment is the balance of positive and negative terms, a
 * negator shortly before a term flipping it; themes are the taxonomy entries with a matching term.
 */
@ApplicationScoped
public class LexiconCommentAnalyzer implements CommentAnalyzer {

    private static final int NEGATION_WINDOW = 3;

    private record Term(List<String> words, int polarity, String label) {
    }

    private final Set<String> negators;
    private final List<Term> sentimentTerms = new ArrayList<>();
    private final Map<String, List<Term>> themes = new LinkedHashMap<>();

    @Inject
    public LexiconCommentAnalyzer(ObjectMapper json, @ConfigProperty(name = "pharos.survey.lexicon") Optional<String> lexicon) {
        this(read(json, lexicon));
    }

    LexiconCommentAnalyzer(JsonNode lexicon) {
        negators = new LinkedHashSet<>();
        lexicon.get("negators").forEach(n -> negators.add(TextNormalizer.normalize(n.asText())));
        lexicon.get("positive").forEach(t -> sentimentTerms.add(term(t.asText(), 1)));
        lexicon.get("negative").forEach(t -> sentimentTerms.add(term(t.asText(), -1)));
        lexicon.get("themes").fields().forEachRemaining(theme -> {
            int polarity = switch (theme.getValue().path("polarity").asText("neutral")) {
                case "positive" -> 1;
                case "negative" -> -1;
                default -> 0;
            };
            List<Term> terms = new ArrayList<>();
            theme.getValue().get("terms").forEach(t -> terms.add(term(t.asText(), polarity)));
            themes.put(theme.getKey(), terms);
        });
    }

    /** The bundled lexicon, for tests and tools. */
    public static LexiconCommentAnalyzer bundled() {
        return new LexiconCommentAnalyzer(read(new ObjectMapper(), Optional.empty()));
    }

    private static JsonNode read(ObjectMapper json, Optional<String> path) {
        try {
            if (path.isPresent()) {
                return json.readTree(Files.readString(Path.of(path.get())));
            }
            try (InputStream in = LexiconCommentAnalyzer.class.getResourceAsStream("/comment-lexicon.json")) {
                return json.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the comment lexicon", e);
        }
    }

    private static Term term(String text, int polarity) {
        return new Term(TextNormalizer.tokens(text), polarity, text);
    }

    @Override
    public CommentAnalysis analyze(String comment) {
        if (comment == null || comment.isBlank()) {
            return CommentAnalysis.EMPTY;
        }
        List<String> tokens = TextNormalizer.tokens(comment);
        int score = 0;
        Set<String> matched = new LinkedHashSet<>();
        for (Term term : sentimentTerms) {
            for (int at : occurrences(tokens, term)) {
                boolean negated = negatedAt(tokens, at);
                score += negated ? -term.polarity() : term.polarity();
                matched.add((negated ? "not " : "") + String.join(" ", tokens.subList(at, at + term.words().size())));
            }
        }
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, List<Term>> theme : themes.entrySet()) {
            for (Term term : theme.getValue()) {
                List<Integer> at = occurrences(tokens, term);
                if (!at.isEmpty()) {
                    found.add(theme.getKey());
                    score += term.polarity();
                    matched.add(theme.getKey() + ": " + String.join(" ", tokens.subList(at.get(0), at.get(0) + term.words().size())));
                    break;
                }
            }
        }
        Sentiment sentiment = score > 0 ? Sentiment.POSITIVE : score < 0 ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
        return new CommentAnalysis(sentiment, found, List.copyOf(matched));
    }

    private boolean negatedAt(List<String> tokens, int at) {
        for (int i = Math.max(0, at - NEGATION_WINDOW); i < at; i++) {
            if (negators.contains(tokens.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> occurrences(List<String> tokens, Term term) {
        List<Integer> found = new ArrayList<>();
        List<String> words = term.words();
        for (int i = 0; i + words.size() <= tokens.size(); i++) {
            boolean all = true;
            for (int j = 0; j < words.size() && all; j++) {
                all = matches(tokens.get(i + j), words.get(j));
            }
            if (all) {
                found.add(i);
            }
        }
        return found;
    }

    /** Stems of 4+ characters match inflected forms; short words only themselves. */
    private static boolean matches(String token, String word) {
        return word.length() >= 4 ? token.startsWith(word) : token.equals(word);
    }
}
