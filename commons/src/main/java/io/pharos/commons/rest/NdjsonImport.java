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
 * a problem+json result and never stops the lines after it.
 */
public final class NdjsonImport {

    private static final Logger LOG = Logger.getLogger(NdjsonImport.class);

    /** Imports one line (its 1-based number and text) and answers its result. */
    @FunctionalInterface
    public interface LineImporter<R> {
        R importLine(long number, String text) throws Throwable;
    }

    private NdjsonImport() {
    }

    public static <R> StreamingOutput stream(InputStream body, ObjectMapper json, int maxLine, LineImporter<R> importer,
            BiFunction<Long, Problem, R> failed) {
        return out -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                long number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    R result;
                    if (line.length() > maxLine) {
                        result = failed.apply(number, ProblemException.badRequest("line-too-long",
                                "A line may hold at most " + maxLine + " characters.").toProblem(null));
                    } else if (!object(line)) {
                        result = failed.apply(number, ProblemException.badRequest("not-an-object",
                                "Each line must be one JSON object.").toProblem(null));
                    } else {
                        result = run(importer, number, line, failed);
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

    private static <R> R run(LineImporter<R> importer, long number, String line, BiFunction<Long, Problem, R> failed) {
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
