package io.pharos.channel.service.email;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.jboss.logging.Logger;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.security.OutboundGuard;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Polls the IMAP mailbox of every enabled email channel that has one: unseen messages are
 * accepted (published) one by one and only then flagged seen, so a crash or an unreachable Kafka
 * leaves them unseen for the next pass (and the Message-ID receipt absorbs a repeat).
 */
@ApplicationScoped
public class ImapPoller {

    private static final Logger LOG = Logger.getLogger(ImapPoller.class);
    static final int MAX_PER_PASS = 200;

    private final Channels channels;
    private final InboundEmails emails;
    private final OutboundGuard outbound;

    public ImapPoller(Channels channels, InboundEmails emails, OutboundGuard outbound) {
        this.channels = channels;
        this.emails = emails;
        this.outbound = outbound;
    }

    /**
     * The session properties of a channel's IMAP connection: time-outs, and sockets that refuse a
     * forbidden address as they connect (the host was checked when saved; DNS may have changed since),
     * with no fallback to an unchecked socket.
     */
    Properties sessionProperties(String protocol) {
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "5000");
        props.put("mail." + protocol + ".timeout", "15000");
        props.put("mail." + protocol + ".socketFactory", outbound.socketFactory());
        props.put("mail." + protocol + ".socketFactory.fallback", "false");
        return props;
    }

    @Scheduled(every = "${pharos.email.imap-poll-interval:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollAll() throws Throwable {
        List<ChannelAccount> list = VertxContextSupport.subscribeAndAwait(() -> channels.enabled(ChannelType.EMAIL));
        for (ChannelAccount channel : list) {
            if (channel.settings().containsKey("imapHost")) {
                try {
                    poll(channel);
                } catch (Exception e) {
                    LOG.warnf("channel %s: IMAP poll failed (%s); the next pass retries", channel.id(), e.toString());
                }
            }
        }
    }

    /** One pass over one mailbox; answers how many messages were taken in. */
    public int poll(ChannelAccount channel) throws Exception {
        boolean ssl = Boolean.parseBoolean(channel.setting("imapSsl", "false"));
        String protocol = ssl ? "imaps" : "imap";
        Session session = Session.getInstance(sessionProperties(protocol));
        int taken = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(channel.setting("imapHost", "localhost"), Integer.parseInt(channel.setting("imapPort", ssl ? "993" : "143")),
                    channel.setting("imapUser", channel.address()), channel.secret("imapPassword"));
            Folder inbox = store.getFolder(channel.setting("imapFolder", "INBOX"));
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < unseen.length && i < MAX_PER_PASS; i++) {
                    Message message = unseen[i];
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    message.writeTo(raw);
                    try {
                        InboundEmails.Result result = VertxContextSupport.subscribeAndAwait(() -> emails.accept(channel, raw.toByteArray()));
                        message.setFlag(Flags.Flag.SEEN, true);
                        taken++;
                        LOG.debugf("channel %s: %s %s", channel.id(), result.outcome(), result.providerMessageId());
                    } catch (Throwable e) {
                        message.setFlag(Flags.Flag.SEEN, false); // reading it may have set the flag: leave it for the next pass
                        LOG.warnf("channel %s: a message could not be taken in (%s)", channel.id(), e.toString());
                    }
                }
            } finally {
                inbox.close(false);
            }
        }
        return taken;
    }
}
