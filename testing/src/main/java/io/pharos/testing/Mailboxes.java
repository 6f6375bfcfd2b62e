package io.pharos.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A customer's mail client against the local GreenMail (SMTP 3025, IMAP 3143): every {@code *.test}
 * address is a mailbox whose password is the address, created with its first mail.
 */
public final class Mailboxes {

    private Mailboxes() {
    }

    /** Sends a plain UTF-8 mail; {@code inReplyTo} (with angle brackets) threads it, or null. */
    public static void send(String from, String fromName, String to, String subject, String text, String inReplyTo) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", "3025");
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(props));
            m.setFrom(new InternetAddress(from, fromName, "UTF-8"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            m.setSubject(subject, "UTF-8");
            m.setText(text, "UTF-8");
            if (inReplyTo != null) {
                m.setHeader("In-Reply-To", inReplyTo);
                m.setHeader("References", inReplyTo);
            }
            Transport.send(m);
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new AssertionError("cannot send mail to " + to, e);
        }
    }

    /** The mails in a mailbox, waiting up to {@code timeout} until there are at least {@code count}. */
    public static List<MimeMessage> inbox(String address, int count, Duration timeout) {
        List<MimeMessage> found = new ArrayList<>();
        try {
            Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(300))
                    .until(() -> read(address, found) >= count);
        } catch (ConditionTimeoutException e) {
            // fewer than asked for: the caller asserts on what is there
        }
        return found;
    }

    private static int read(String address, List<MimeMessage> found) {
        List<MimeMessage> now = new ArrayList<>();
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("localhost", 3143, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                now.add(new MimeMessage((MimeMessage) m));
            }
            inbox.close(false);
        } catch (AuthenticationFailedException e) {
            // the mailbox appears with its first mail
        } catch (MessagingException e) {
            throw new AssertionError("cannot read the mailbox of " + address, e);
        }
        synchronized (found) {
            found.clear();
            found.addAll(now);
        }
        return now.size();
    }
}
