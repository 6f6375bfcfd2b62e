package io.pharos.commons.rest;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * NDJSON imports, read and answered as a stream: one result line per input line, written as soon
 * as that line is done, so an import of any size never sits in memory. A line that fails becomes
 * a problem+json result and never stops the lines after it. Every import of every service reads
 * and answers through here, in the one format of {@link ImportLineResult}.
 */
public final class NdjsonImport {

    private static final Logger LOG = Logger.getLogger(NdjsonImport.class);

    /** Imports one line (its 1-based number and text) and answers its result. */
    @FunctionalInterface
    public interface LineImporter {
        ImportLineResult importLine(long number, String text) throws Throwable;
    }

    /**
     * The longest externalId a result echoes: longer than any import allows (200), so a line refused
     * for a too long id still says which it was, and far shorter than a line.
     */
    static final int MAX_ECHOED_ID = 1_000;

    private NdjsonImport() {
    }

    public static StreamingOutput stream(InputStream body, ObjectMapper json, int maxLine, LineImporter importer) {
        return out -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                long number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    ImportLineResult result;
                    if (line.length() > maxLine) { // refused unread: not even its externalId is looked for
                        result = ImportLineResult.failed(number, null, ProblemException.badRequest("line-too-long",
                                "A line may hold at most " + maxLine + " characters.").toProblem(null));
                    } else if (!object(line)) {
                        result = ImportLineResult.failed(number, null, ProblemException.badRequest("not-an-object",
                                "Each line must be one JSON object.").toProblem(null));
                    } else {
                        String externalId = externalIdOf(json, line);
                        result = run(importer, number, line, (n, problem) -> ImportLineResult.failed(n, externalId, problem));
                    }
                    out.write(json.writeValueAsBytes(result));
                    out.write('\n');
                    out.flush();
                }
            }
        };
    }

    /** Whether a line is (the start of) a JSON object: an array, a string, a number or null is no importable thing. */
    static boolean object(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{';
            }
        }
        return false;
    }

    /** The line's externalId when it is JSON with a textual one, whatever else is wrong with it; else null. */
    static String externalIdOf(ObjectMapper json, String line) {
        try {
            com.fasterxml.jackson.databind.JsonNode id = json.readTree(line).path("externalId");
            return id.isTextual() && id.textValue().length() <= MAX_ECHOED_ID ? id.textValue() : null;
        } catch (Exception e) {
            return null; // malformed JSON: the result says so, without an id
        }
    }

    private static ImportLineResult run(LineImporter importer, long number, String line, BiFunction<Long, Problem, ImportLineResult> failed) {
        try {
            return importer.importLine(number, line);
        } catch (ProblemException e) {
            return failed.apply(number, e.toProblem(null));
        } catch (JsonProcessingException e) {
            return failed.apply(number, new Problem(Problem.type("malformed-json"), "Malformed JSON", 400,
                    e.getOriginalMessage(), null, null));
        } catch (Throwable e) {
            if (e.getCause() instanceof ProblemException p) {
                return failed.apply(number, p.toProblem(null));
            }
            if (UniqueViolations.is(e)) {
                return failed.apply(number, new Problem(Problem.type("duplicate"), "Conflict", 409,
                        "Another object already holds one of this line's unique values.", null, null));
            }
            LOG.errorf(e, "import line %d failed", number);
            return failed.apply(number, new Problem(Problem.type("internal"), "Internal error", 500,
                    "This line could not be imported; it has been logged.", null, null));
        }
    }
}
