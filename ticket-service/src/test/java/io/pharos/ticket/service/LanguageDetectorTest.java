package io.pharos.ticket.service;

import io.pharos.ticket.service.routing.LanguageDetector;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void greekTextIsGreekEvenWithAnOrderNumberOrABrandName() {
        assertThat(LanguageDetector.detect("Καλησπέρα, η παραγγελία μου δεν έφτασε ακόμα")).isEqualTo("el");
        assertThat(LanguageDetector.detect("Η παραγγελία ORD-55231 από το eshop δεν ήρθε")).isEqualTo("el");
        assertThat(LanguageDetector.detect("ΕΠΕΙΓΟΝ: ΧΡΕΩΘΗΚΑ ΔΥΟ ΦΟΡΕΣ")).isEqualTo("el");
    }

    @Test
    void englishTextIsEnglishAndNothingToJudgeIsNull() {
        assertThat(LanguageDetector.detect("My order has not arrived yet")).isEqualTo("en");
        assertThat(LanguageDetector.detect("Thanks, ευχαριστώ")).isEqualTo("el"); // mixed: a third Greek is enough to ask a Greek speaker
        assertThat(LanguageDetector.detect("Order 12345, thanks a lot for the help ok")).isEqualTo("en");
        assertThat(LanguageDetector.detect("12345 !!!")).isNull();
        assertThat(LanguageDetector.detect(null)).isNull();
    }
}
