package io.pharos.channel.service.email;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * IMAP IDLE where the server supports it: one virtual thread per mailbox waits for the server to
 * announce new mail and then runs the poller's pass at once, so mail arrives in seconds rather
 * than at the next poll. The scheduled poll stays as the safety net (and the only way for servers
 * without IDLE); a pass racing it is harmless, the Message-ID receipt absorbs the repeat.
 */
@ApplicationScoped
public class ImapIdler {

    private static final Logger LOG = Logger.getLogger(ImapIdler.class);
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final Channels channels;
    private final ImapPoller poller;
    private final boolean enabled;
    private final Map<String, Thread> watchers = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public ImapIdler(Channels channels, ImapPoller poller, @ConfigProperty(name = "pharos.email.imap-idle", defaultValue = "true") boolean enabled) {
        this.channels = channels;
        this.poller = poller;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent ignored) {
        if (!enabled) {
            return;
        }
        Thread.ofVirtual().name("imap-idle-supervisor").start(() -> {
            while (!stopping) {
                try {
                    List<ChannelAccount> list = VertxContextSupport.subscribeAndAwait(() -> channels.enabled(ChannelType.EMAIL));
                    list.stream().filter(c -> c.settings().containsKey("imapHost")).forEach(this::watch);
                    Thread.sleep(Duration.ofMinutes(1)); // picks up channels added since
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    LOG.debugf("IMAP IDLE supervisor: %s", e.toString());
                    sleep(RETRY);
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        watchers.values().forEach(Thread::interrupt);
    }

    /** Starts waiting on this channel's mailbox (once per channel). */
    public void watch(ChannelAccount channel) {
        watchers.computeIfAbsent(channel.id(), id -> Thread.ofVirtual().name("imap-idle-" + id).start(() -> idle(channel)));
    }

    public void unwatch(String channelId) {
        Thread t = watchers.remove(channelId);
        if (t != null) {
            t.interrupt();
        }
    }

    private void idle(ChannelAccount channel) {
        boolean ssl = Boolean.parseBoolean(channel.setting("imapSsl", "false"));
        String protocol = ssl ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "5000");
        while (!stopping && watchers.get(channel.id()) == Thread.currentThread()) {
            try (Store store = Session.getInstance(props).getStore(protocol)) {
                store.connect(channel.setting("imapHost", "localhost"), Integer.parseInt(channel.setting("imapPort", ssl ? "993" : "143")),
                        channel.setting("imapUser", channel.address()), channel.secret("imapPassword"));
                if (!(store instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                    LOG.infof("channel %s: the server has no IMAP IDLE; polling only", channel.id());
                    watchers.remove(channel.id());
                    return;
                }
                IMAPFolder folder = (IMAPFolder) store.getFolder(channel.setting("imapFolder", "INBOX"));
                folder.open(Folder.READ_ONLY);
                LOG.debugf("channel %s: waiting for mail (IMAP IDLE)", channel.id());
                while (!stopping && folder.isOpen() && watchers.get(channel.id()) == Thread.currentThread()) {
                    pollUntilQuiet(channel, folder);
                    folder.idle(true); // returns when the server announces a change (or ends the IDLE)
                }
            } catch (Exception e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.debugf("channel %s: IMAP IDLE interrupted (%s); reconnecting", channel.id(), e.toString());
                sleep(RETRY);
            }
        }
    }

    /**
     * Polls until no mail arrived during the pass: the pass runs on its own connection, and a mail
     * that lands between its fetch and our IDLE is not announced by every server once IDLE starts.
     * The message count is refreshed by a NOOP on this connection.
     */
    private void pollUntilQuiet(ChannelAccount channel, IMAPFolder folder) throws Exception {
        int before;
        do {
            before = folder.getMessageCount();
            poller.poll(channel);
            noop(folder);
        } while (folder.getMessageCount() != before && !stopping);
    }

    private static void noop(IMAPFolder folder) throws Exception {
        folder.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
