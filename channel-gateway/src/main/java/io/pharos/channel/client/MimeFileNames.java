package io.pharos.channel.client;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;

import io.quarkus.mailer.Mail;

/**
 * A file as a MIME attachment part whose name survives in every mail client: Vert.x mail writes
 * file names as RFC 2047 encoded words inside quotes, which RFC 2047 itself forbids in parameters
 * and which some clients show verbatim; Angus Mail's parameter lists write RFC 2231
 * ({@code filename*=UTF-8''%CE%A4…}, split into continuations when long) for names that are not
 * ASCII. So the part is given no name of its own and carries the encoded parameters in its
 * Content-Type ({@code name}, for old clients) and Content-Disposition ({@code filename}).
 */
final class MimeFileNames {

    private MimeFileNames() {
    }

    static void attach(Mail mail, OutgoingFile file) {
        mail.addAttachment(null, file.content(), contentType(file), null, disposition(file.fileName()));
    }

    static String contentType(OutgoingFile file) {
        try {
            ContentType type = new ContentType(file.mediaType());
            type.setParameterList(parameters("name", file.fileName()));
            return type.toString();
        } catch (ParseException e) { // a stored type is one Tika named, so this is a type nobody can parse
            return "application/octet-stream";
        }
    }

    static String disposition(String fileName) {
        ContentDisposition disposition = new ContentDisposition("attachment", parameters("filename", fileName));
        return disposition.toString();
    }

    private static ParameterList parameters(String name, String value) {
        ParameterList list = new ParameterList();
        list.set(name, value == null || value.isBlank() ? "attachment" : value, "UTF-8");
        return list;
    }
}
