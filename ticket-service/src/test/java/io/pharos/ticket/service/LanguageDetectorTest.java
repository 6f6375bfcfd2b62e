package io.pharos.ticket.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pharos.ticket.service.routing.LanguageDetector;

/** Lingua among the languages a tenant serves (here Greek, English and German), the script heuristic where it cannot tell. */
class LanguageDetectorTest {

    private static final LanguageDetector DETECTOR = new LanguageDetector(List.of("el", "en", "de"), true);

    @Test
    void greekTextIsGreekEvenWithAnOrderNumberOrABrandName() {
        assertThat(DETECTOR.detect("Καλησπέρα, η παραγγελία μου δεν έφτασε ακόμα")).isEqualTo("el");
        assertThat(DETECTOR.detect("Η παραγγελία ORD-55231 από το eshop δεν ήρθε")).isEqualTo("el");
        assertThat(DETECTOR.detect("ΕΠΕΙΓΟΝ: ΧΡΕΩΘΗΚΑ ΔΥΟ ΦΟΡΕΣ")).isEqualTo("el");
    }

    @Test
    void englishAndGermanAreToldApartAndNothingToJudgeIsNull() {
        assertThat(DETECTOR.detect("My order has not arrived yet")).isEqualTo("en");
        assertThat(DETECTOR.detect("Order 12345, thanks a lot for the help ok")).isEqualTo("en");
        assertThat(DETECTOR.detect("Meine Bestellung ist noch nicht angekommen, können Sie bitte nachsehen?")).isEqualTo("de");
        assertThat(DETECTOR.detect("Die Rechnung stimmt nicht")).isEqualTo("de");
        assertThat(DETECTOR.detect("12345 !!!")).isNull();
        assertThat(DETECTOR.detect(null)).isNull();
    }

    @Test
    void shortTextFallsBackToTheScript() {
        assertThat(DETECTOR.detect("ok")).isEqualTo("en");
        assertThat(DETECTOR.detect("ναι")).isEqualTo("el");
    }

    @Test
    void aLanguageNotServedIsNeverAnswered() {
        LanguageDetector greekAndEnglish = new LanguageDetector(List.of("el", "en"), true);
        assertThat(greekAndEnglish.detect("Meine Bestellung ist noch nicht angekommen")).isIn("en", null);
        assertThat(greekAndEnglish.detect("Καλησπέρα, η παραγγελία μου δεν έφτασε")).isEqualTo("el");
    }

    /**
     * What the detector costs: heap held after loading the models of three languages, and one detection's time, in
     * both accuracy modes. Recorded in target/lingua-footprint.txt for whoever sizes the service; not asserted, since
     * they depend on the machine.
     */
    @Test
    void footprintIsRecorded() throws IOException {
        StringBuilder report = new StringBuilder();
        for (boolean low : new boolean[] { true, false }) {
            long before = usedHeap();
            LanguageDetector detector = new LanguageDetector(List.of("el", "en", "de"), low);
            long loadStart = System.nanoTime();
            assertThat(detector.detect("Meine Bestellung ist noch nicht angekommen")).isEqualTo("de");
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            long after = usedHeap();
            int runs = 200;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                detector.detect("Καλησπέρα, η παραγγελία μου δεν έφτασε ακόμα, μπορείτε να δείτε τι έγινε;");
            }
            long micros = (System.nanoTime() - start) / 1_000 / runs;
            report.append(low ? "low accuracy" : "high accuracy").append(": first detection (loads models) ").append(loadMillis)
                    .append(" ms, heap held by the models ~").append((after - before) / (1024 * 1024)).append(" MiB, one detection ")
                    .append(micros).append(" µs\n");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "lingua-footprint.txt"), report);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
