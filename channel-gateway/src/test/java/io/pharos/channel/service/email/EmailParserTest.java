package io.pharos.channel.service.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pharos.channel.service.email.EmailParser.Kind;
import io.pharos.channel.service.email.EmailParser.ParsedEmail;

/** The inbound mail corpus (src/test/resources/mail): each sample parses to exactly what Pharos needs of it. */
class EmailParserTest {

    static ParsedEmail parse(String name) throws Exception {
        try (InputStream in = EmailParserTest.class.getResourceAsStream("/mail/" + name)) {
            return EmailParser.parse(in.readAllBytes());
        }
    }

    @Test
    void greekSubjectAndQuotedPrintableUtf8Body() throws Exception {
        ParsedEmail m = parse("01-greek-utf8-quoted-printable.eml");
        assertThat(m.kind()).isEqualTo(Kind.MESSAGE);
        assertThat(m.subject()).isEqualTo("Παραγγελία 55231 δεν έφτασε");
        assertThat(m.fromName()).isEqualTo("Ελένη Παπαδοπούλου");
        assertThat(m.fromAddress()).isEqualTo("eleni@example.test");
        assertThat(m.messageId()).isEqualTo("CAGreek-utf8-001@mail.example.test");
        assertThat(m.text()).startsWith("Καλησπέρα σας,").contains("55231 δεν έχει φτάσει ακόμα").endsWith("Ελένη");
        assertThat(m.quotedText()).isNull();
        assertThat(m.html()).isNull();
        assertThat(m.sentAt()).isEqualTo(Instant.parse("2026-03-09T08:15:00Z"));
    }

    @Test
    void iso88597SubjectSenderAndEightBitBody() throws Exception {
        ParsedEmail m = parse("02-iso-8859-7-8bit.eml");
        assertThat(m.subject()).isEqualTo("Διπλή χρέωση");
        assertThat(m.fromName()).isEqualTo("Νίκος");
        assertThat(m.text()).isEqualTo("Γεια σας, η χρέωση στην κάρτα μου έγινε δύο φορές.\nΠαρακαλώ επιστρέψτε το ποσό.\nΝίκος");
    }

    @Test
    void alternativeKeepsTextAndHtml() throws Exception {
        ParsedEmail m = parse("03-alternative.eml");
        assertThat(m.text()).isEqualTo("Hello,\nI ordered size M but received XL.\nJane");
        assertThat(m.html()).contains("<b>M</b>");
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void attachmentsAreMetadataWithTheirDecodedNameAndSize() throws Exception {
        ParsedEmail m = parse("04-mixed-attachment-greek-filename.eml");
        assertThat(m.subject()).isEqualTo("Τιμολόγιο με λάθος ποσό");
        assertThat(m.text()).isEqualTo("Το τιμολόγιο που επισυνάπτω έχει λάθος ποσό.");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("τιμολόγιο-55231.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
            assertThat(a.size()).isEqualTo(2048 + 16);
            assertThat(a.inline()).isFalse();
        });
    }

    @Test
    void inlineImagesAreMarkedInlineWithTheirContentId() throws Exception {
        ParsedEmail m = parse("05-related-inline-image.eml");
        assertThat(m.text()).isEqualTo("The vase arrived broken, see the photo.");
        assertThat(m.html()).contains("cid:photo1@example.test");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.inline()).isTrue();
            assertThat(a.contentId()).isEqualTo("photo1@example.test");
            assertThat(a.contentType()).isEqualTo("image/png");
            assertThat(a.size()).isEqualTo(508);
        });
    }

    @Test
    void aReplyIsThreadedAndItsQuoteSeparated() throws Exception {
        ParsedEmail m = parse("06-reply-on-wrote.eml");
        assertThat(m.inReplyTo()).isEqualTo("pharos.0f8e1c2a@acme.test");
        assertThat(m.references()).containsExactly("alt-003@example.test", "pharos.0f8e1c2a@acme.test");
        assertThat(m.text()).isEqualTo("Thanks, that works for me. Please send the replacement to my office address.");
        assertThat(m.quotedText()).startsWith("On Mon, 9 Mar 2026 at 09:30, Acme Support").contains("> we can send a replacement");
    }

    @Test
    void greekAndOutlookQuotesAreSeparatedToo() throws Exception {
        ParsedEmail greek = parse("07-greek-reply.eml");
        assertThat(greek.subject()).isEqualTo("Απ: [#1043] Παραγγελία 55231 δεν έφτασε");
        assertThat(greek.text()).isEqualTo("Ευχαριστώ πολύ, το πήρα σήμερα.");
        assertThat(greek.quotedText()).startsWith("Στις Δευ 9 Μαρ 2026");
        ParsedEmail outlook = parse("08-outlook-original-message.eml");
        assertThat(outlook.text()).isEqualTo("Still waiting for an answer on this.");
        assertThat(outlook.quotedText()).startsWith("-----Original Message-----");
    }

    @Test
    void autoRepliesAndBouncesAreRecognised() throws Exception {
        assertThat(parse("09-auto-reply-rfc3834.eml").kind()).isEqualTo(Kind.AUTO_REPLY);
        assertThat(parse("12-vacation-x-autoreply.eml").kind()).isEqualTo(Kind.AUTO_REPLY);
        ParsedEmail bounce = parse("10-bounce-dsn.eml");
        assertThat(bounce.kind()).isEqualTo(Kind.BOUNCE);
        assertThat(bounce.text()).contains("550 5.1.1 User unknown");
    }

    @Test
    void htmlOnlyMailGetsAPlainRendering() throws Exception {
        ParsedEmail m = parse("11-html-only.eml");
        assertThat(m.text()).isEqualTo("Can I change the delivery address for order 77120?\nThanks & regards,\nPetros");
        assertThat(m.html()).startsWith("<div dir=\"ltr\">");
    }

    @Test
    void alternativeInIso88597() throws Exception {
        ParsedEmail m = parse("13-alternative-iso-8859-7.eml");
        assertThat(m.subject()).isEqualTo("Επιστροφή προϊόντος");
        assertThat(m.text()).isEqualTo("Θέλω να επιστρέψω το φόρεμα, είναι μικρό.");
        assertThat(m.html()).isEqualTo("<p>Θέλω να επιστρέψω το <b>φόρεμα</b>, είναι μικρό.</p>");
    }

    @Test
    void windows1253FromOutlookWithAGreekHeaderBlockQuote() throws Exception {
        ParsedEmail m = parse("14-windows-1253-outlook-greek-quote.eml");
        assertThat(m.subject()).isEqualTo("Επιστροφή");
        assertThat(m.text()).isEqualTo("Δεν έχω λάβει ακόμα την επιστροφή χρημάτων.");
        assertThat(m.quotedText()).startsWith("Από: Acme Support").contains("Η επιστροφή εγκρίθηκε.");
    }

    @Test
    void aMailWithoutMessageIdStillParses() throws Exception {
        ParsedEmail m = parse("15-no-message-id.eml");
        assertThat(m.messageId()).isNull(); // the inbound service identifies it by a hash of the raw message
        assertThat(m.text()).isEqualTo("Hello, please call me back about my contract.");
        assertThat(InboundEmails.sha256("x".getBytes())).hasSize(64);
    }

    @Test
    void aForwardedMessageIsAnAttachmentNotPartOfTheText() throws Exception {
        ParsedEmail m = parse("16-forwarded-as-attachment.eml");
        assertThat(m.text()).isEqualTo("The carrier says it shipped, but nothing arrived. See below.");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.contentType()).isEqualTo("message/rfc822");
            assertThat(a.name()).isEqualTo("Order shipped.eml");
        });
    }

    @Test
    void aPostmasterWithAnEmptyReturnPathIsABounce() throws Exception {
        assertThat(parse("17-bounce-empty-return-path.eml").kind()).isEqualTo(Kind.BOUNCE);
    }

    @Test
    void headerHelpers() {
        assertThat(EmailParser.references("<a@x> <b@y>\r\n <c@z>")).isEqualTo(List.of("a@x", "b@y", "c@z"));
        assertThat(EmailParser.angle(" <id@host> ")).isEqualTo("id@host");
        assertThat(EmailParser.splitQuote("On Monday I ordered two vases and only one came.")[1]).isNull();
    }
}
