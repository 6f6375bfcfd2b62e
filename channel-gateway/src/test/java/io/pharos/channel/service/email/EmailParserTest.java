package io.pharos.channel.service.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pharos.channel.service.email.EmailParser.Kind;
import io.pharos.channel.service.email.EmailParser.ParsedEmail;
import io.pharos.contracts.channel.MessageReceived.Forwarded;
import io.pharos.contracts.channel.MessageReceived.Mailbox;

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

    /** 07:30 UTC: 9:30 in the writer's +02:00 (or EET) on 9 March 2026. */
    static final Instant NINE_THIRTY_ATHENS = Instant.parse("2026-03-09T07:30:00Z");

    static void assertForward(ParsedEmail m, String note, Mailbox from, String subject, String textStart) {
        assertThat(m.kind()).isEqualTo(Kind.MESSAGE);
        assertThat(m.text()).isEqualTo(note);
        assertThat(m.quotedText()).as("a forward is not a quote").isNull();
        Forwarded f = m.forwarded();
        assertThat(f).isNotNull();
        assertThat(f.from()).isEqualTo(from);
        assertThat(f.date()).isEqualTo(NINE_THIRTY_ATHENS);
        assertThat(f.subject()).isEqualTo(subject);
        assertThat(f.text()).startsWith(textStart);
    }

    @Test
    void gmailForwardsKeepTheForwardedMessageInEnglishAndGreek() throws Exception {
        assertForward(parse("18-gmail-forward.eml"), "Hi, the courier says this was delivered but nothing arrived. Can you check?",
                new Mailbox("Acme Shop", "orders@shop.example.test"), "Your order 55231 has shipped",
                "Your order 55231 has shipped with Courier Express.\nTracking number: CX123456789GR");
        assertForward(parse("19-gmail-forward-greek.eml"), "Καλησπέρα, λέει ότι παραδόθηκε αλλά δεν το έλαβα.",
                new Mailbox("Κούριερ Express", "noreply@courier.example.test"), "Η αποστολή σας παραδόθηκε",
                "Η αποστολή CX123456789GR παραδόθηκε στις 9:12.");
    }

    @Test
    void outlookForwardsUnderTheRuleAreForwardsWhenTheSubjectSaysSo() throws Exception {
        assertForward(parse("20-outlook-forward.eml"), "Please see the invoice below, the amount is wrong.\n\nBob",
                new Mailbox("Billing", "billing@vendor.example.test"), "Invoice 8812", "Dear customer,\nplease find invoice 8812");
        assertForward(parse("21-outlook-forward-greek.eml"), "Σας προωθώ το τιμολόγιο, το ποσό είναι λάθος.\n\nΓιάννης",
                new Mailbox("Λογιστήριο", "billing@vendor.example.test"), "Τιμολόγιο 8812", "Αγαπητέ πελάτη,");
    }

    @Test
    void appleMailAndThunderbirdForwards() throws Exception {
        Mailbox shop = new Mailbox("Acme Shop", "orders@shop.example.test");
        Mailbox courier = new Mailbox("Κούριερ Express", "noreply@courier.example.test");
        assertForward(parse("22-apple-forward.eml"), "Can you check this? It never arrived.\n\nSent from my iPhone", shop,
                "Your order 55231 has shipped", "Your order 55231 has shipped with Courier Express.");
        assertForward(parse("23-apple-forward-greek.eml"), "Μπορείτε να το ελέγξετε; Δεν έφτασε ποτέ.", courier,
                "Η αποστολή σας παραδόθηκε", "Η αποστολή CX123456789GR");
        assertForward(parse("24-thunderbird-forward.eml"), "See below: shipped a week ago, still nothing.", shop,
                "Your order 55231 has shipped", "Your order 55231 has shipped with Courier Express.");
        assertForward(parse("25-thunderbird-forward-greek.eml"), "Δείτε παρακάτω: στάλθηκε πριν μια εβδομάδα και ακόμα τίποτα.", courier,
                "Η αποστολή σας παραδόθηκε", "Η αποστολή CX123456789GR");
    }

    @Test
    void aMessageAttachedWholeIsTheForwardAndStaysAnAttachment() throws Exception {
        ParsedEmail m = parse("26-forwarded-as-attachment-greek.eml");
        assertForward(m, "Σας επισυνάπτω την επιβεβαίωση.", new Mailbox("Acme Κατάστημα", "orders@shop.example.test"),
                "Επιβεβαίωση παραγγελίας 55231", "Η παραγγελία σας 55231 καταχωρήθηκε.\nΣύνολο: 240,00 €");
        assertThat(m.attachments()).singleElement().satisfies(a -> assertThat(a.contentType()).isEqualTo("message/rfc822"));
        ParsedEmail english = parse("16-forwarded-as-attachment.eml");
        assertThat(english.forwarded().from()).isEqualTo(new Mailbox(null, "shop@carrier.example.test"));
        assertThat(english.forwarded().subject()).isEqualTo("Order shipped");
        assertThat(english.forwarded().date()).as("the attached message has no Date").isNull();
        assertThat(english.forwarded().text()).isEqualTo("Your order 55231 has shipped.");
    }

    @Test
    void outlookSeparatorsOfEveryStyleAreStrippedTheUnderscoreRuleIncluded() throws Exception {
        ParsedEmail english = parse("27-outlook-underscore-reply.eml");
        assertThat(english.text()).isEqualTo("Thanks, I received the refund.");
        assertThat(english.quotedText()).startsWith("________________________________\nFrom: Acme Support").endsWith("We are looking into it.");
        assertThat(english.forwarded()).as("RE: is no forward").isNull();
        ParsedEmail greek = parse("28-outlook-underscore-reply-greek.eml");
        assertThat(greek.text()).isEqualTo("Ευχαριστώ, το έλαβα.");
        assertThat(greek.quotedText()).startsWith("____").contains("Στάλθηκε: Δευτέρα").endsWith("Η επιστροφή εγκρίθηκε.");
        ParsedEmail original = parse("29-outlook-original-message-greek.eml");
        assertThat(original.text()).isEqualTo("Ακόμα περιμένω απάντηση.");
        assertThat(original.quotedText()).startsWith("-----Αρχικό μήνυμα-----");
    }

    @Test
    void appleMailAndThunderbirdQuotesAreStrippedInEnglishAndGreek() throws Exception {
        ParsedEmail apple = parse("30-apple-reply.eml");
        assertThat(apple.text()).isEqualTo("Sounds good, thank you.");
        assertThat(apple.quotedText()).startsWith("> On 9 Mar 2026, at 09:30, Acme Support");
        ParsedEmail thunderbird = parse("31-thunderbird-reply.eml");
        assertThat(thunderbird.text()).isEqualTo("Office address is fine.");
        assertThat(thunderbird.quotedText()).startsWith("On 09/03/2026 09:30, Acme Support wrote:");
        ParsedEmail greek = parse("32-thunderbird-reply-greek.eml");
        assertThat(greek.text()).isEqualTo("Στη διεύθυνση του γραφείου, ευχαριστώ.");
        assertThat(greek.quotedText()).startsWith("Στις 9/3/2026 9:30 π.μ., ο/η Acme Support έγραψε:");
    }

    @Test
    void ccAndReplyToWithTheirDecodedNames() throws Exception {
        ParsedEmail english = parse("27-outlook-underscore-reply.eml");
        assertThat(english.cc()).containsExactly(new Mailbox("Μαρία Οικονόμου", "maria@example.test"),
                new Mailbox("Acme Support", "support@acme.test"));
        assertThat(english.replyTo()).containsExactly(new Mailbox("Bob at work", "bob.work@example.test"));
        assertThat(english.sentAt()).isEqualTo(Instant.parse("2026-03-10T09:02:00Z"));
        ParsedEmail greek = parse("28-outlook-underscore-reply-greek.eml");
        assertThat(greek.cc()).containsExactly(new Mailbox("Νίκος Παππάς", "nikos@example.test"));
        assertThat(greek.replyTo()).as("no Reply-To header: none, not From").isEmpty();
    }

    @Test
    void aDeliveryStatusNotificationIsReadPerRecipientWithTheMessageItIsAbout() throws Exception {
        ParsedEmail bounce = parse("33-bounce-dsn-our-reply.eml");
        assertThat(bounce.kind()).isEqualTo(Kind.BOUNCE);
        assertThat(bounce.deliveryStatus().originalMessageIds()).containsExactly("pharos.6d0c3f5e-7a1b-4c2d-9e8f-0a1b2c3d4e5f@acme.test");
        assertThat(bounce.deliveryStatus().failures()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("nobody@example.test");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.diagnostic()).isEqualTo("550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table");
        });
        assertThat(bounce.text()).as("the returned headers are not read as text").doesNotContain("Message-ID");
        ParsedEmail delayed = parse("34-bounce-dsn-delayed.eml");
        assertThat(delayed.deliveryStatus().failures()).isEmpty();
        assertThat(delayed.deliveryStatus().recipients()).singleElement().satisfies(r -> {
            assertThat(r.delayed()).isTrue();
            assertThat(r.status()).isEqualTo("4.4.1");
        });
        assertThat(delayed.deliveryStatus().originalMessageIds()).containsExactly("pharos.1e2d3c4b-5a69-4788-9aab-bccddeeff001@acme.test");
        assertThat(parse("10-bounce-dsn.eml").deliveryStatus().originalMessageIds()).as("nothing names the message").isEmpty();
        assertThat(parse("17-bounce-empty-return-path.eml").deliveryStatus()).as("no report at all").isNull();
    }

    @Test
    void aPostfixGenericStatusTakesThePreciserCodeOfItsDiagnostic() {
        assertThat(DeliveryStatusNotice.recipients("Reporting-MTA: dns; mx1.example.test\n\nFinal-Recipient: rfc822; no_user@example.test\n"
                + "Action: failed\nStatus: 5.0.0\nDiagnostic-Code: X-Postfix; host mx.example.test[192.0.2.1] said: 550 5.1.1\n"
                + "    <no_user@example.test>... User unknown (in reply to RCPT TO command)\n"))
                .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("5.1.1"));
    }

    @Test
    void enhancedStatusCodesAreExplainedInWords() {
        assertThat(EnhancedStatusCodes.explain("5.1.1", "550 5.1.1 User unknown", false))
                .isEqualTo("The address does not exist (5.1.1, permanent failure). The recipient's server said: 550 5.1.1 User unknown");
        assertThat(EnhancedStatusCodes.explain("5.2.2", null, false)).startsWith("The mailbox is full (5.2.2");
        assertThat(EnhancedStatusCodes.explain("4.4.1", null, true)).isEqualTo("The recipient's mail server did not answer (4.4.1, delayed, will retry).");
        assertThat(EnhancedStatusCodes.explain("4.4.7", null, false)).contains("temporary failure, no longer retried");
        assertThat(EnhancedStatusCodes.explain("5.7.99", null, false)).startsWith("The recipient's security or policy refused it (5.7.99");
        assertThat(EnhancedStatusCodes.explain(null, "550 rejected", false)).isEqualTo(
                "The message could not be delivered. The recipient's server said: 550 rejected");
    }

    @Test
    void datesAsClientsWriteThemInForwards() {
        ZoneOffset athens = ZoneOffset.ofHours(2);
        assertThat(WrittenDates.parse("Mon, Mar 9, 2026 at 9:30 AM", athens)).isEqualTo(NINE_THIRTY_ATHENS);
        assertThat(WrittenDates.parse("Mon, Mar 9, 2026 at 9:30 PM", athens)).isEqualTo(NINE_THIRTY_ATHENS.plusSeconds(12 * 3600));
        assertThat(WrittenDates.parse("Δευ, 9 Μαρ 2026 στις 9:30 μ.μ.", athens)).isEqualTo(NINE_THIRTY_ATHENS.plusSeconds(12 * 3600));
        assertThat(WrittenDates.parse("Monday, 9 March 2026 09:30", athens)).isEqualTo(NINE_THIRTY_ATHENS);
        assertThat(WrittenDates.parse("Πέμπτη, 21 Μαΐου 2026 12:05 μμ", athens)).isEqualTo(Instant.parse("2026-05-21T10:05:00Z"));
        assertThat(WrittenDates.parse("March 9, 2026 at 9:30:00 AM GMT+2", null)).isEqualTo(NINE_THIRTY_ATHENS);
        assertThat(WrittenDates.parse("Mon, 9 Mar 2026 09:30:00 +0200", null)).isEqualTo(NINE_THIRTY_ATHENS);
        assertThat(WrittenDates.parse("9 March 2026 at 09:30", null)).as("no zone and no fallback").isNull();
        assertThat(WrittenDates.parse("3/9/2026 9:30 AM", athens)).as("month-first or day-first: unknowable").isNull();
        assertThat(WrittenDates.parse("yesterday", athens)).isNull();
    }

    @Test
    void aForwardWithoutANoteAndAReplyQuotingAForward() {
        WrittenBody.Split bare = WrittenBody.split("---------- Forwarded message ---------\nFrom: a@example.test\n\nHello", "Fwd: x", null);
        assertThat(bare.text()).isEmpty();
        assertThat(bare.forwarded().text()).isEqualTo("Hello");
        assertThat(bare.forwarded().from()).isEqualTo(new Mailbox(null, "a@example.test"));
        WrittenBody.Split reply = WrittenBody.split("Yes.\n\nOn Mon, 9 Mar 2026 at 09:30, Acme <s@acme.test> wrote:\n"
                + "> ---------- Forwarded message ---------\n> From: a@example.test\n", "Re: Fwd: x", null);
        assertThat(reply.text()).isEqualTo("Yes.");
        assertThat(reply.forwarded()).isNull();
        assertThat(reply.quoted()).contains("Forwarded message");
    }

    @Test
    void headerHelpers() {
        assertThat(EmailParser.references("<a@x> <b@y>\r\n <c@z>")).isEqualTo(List.of("a@x", "b@y", "c@z"));
        assertThat(EmailParser.angle(" <id@host> ")).isEqualTo("id@host");
        assertThat(EmailParser.splitQuote("On Monday I ordered two vases and only one came.")[1]).isNull();
    }
}
