package io.pharos.channel.service.email;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

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
import io.pharos.channel.service.channels.ChannelChanged;
import io.pharos.channel.service.channels.Channels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * IMAP IDLE where the server supports it: one virtual thread per mailbox waits for the server to
 * announce new mail and then runs the poller's pass at once, so mail arrives in seconds rather
 * than at the next poll. The scheduled poll stays as the safety net (and the only way for servers
 * without IDLE); a pass racing it is harmless, the Message-ID receipt absorbs the repeat.
 * Watchers follow the configuration: a channel disabled or deleted stops being watched, an edited
 * one is watched again with its new settings — at once on this replica ({@link ChannelChanged}),
 * within a minute on the others (the supervisor compares what it watches with the database).
 */
@ApplicationScoped
public class ImapIdler {

    private static final Logger LOG = Logger.getLogger(ImapIdler.class);
    private static final Duration RETRY = Duration.ofSeconds(10);

    /** One watched mailbox: the configuration it was started with and its connection, to close it on a change. */
    private static final class Watcher {
        final ChannelAccount channel;
        volatile Thread thread;
        volatile Store store;

        Watcher(ChannelAccount channel) {
            this.channel = channel;
        }
    }

    private final Channels channels;
    private final ImapPoller poller;
    private final boolean enabled;
    private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();
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
                    List<ChannelAccount> idling = list.stream().filter(ImapIdler::hasMailbox).toList();
                    Set<String> ids = idling.stream().map(ChannelAccount::id).collect(Collectors.toSet());
                    watchers.keySet().stream().filter(id -> !ids.contains(id)).toList().forEach(this::unwatch); // disabled elsewhere
                    idling.forEach(this::watch); // added since, or changed (watch restarts a changed one)
                    Thread.sleep(Duration.ofMinutes(1));
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
        List.copyOf(watchers.keySet()).forEach(this::unwatch);
    }

    /**
     * A channel was saved: stop watching it if it is no longer an enabled mailbox, watch it again
     * if its settings changed. Observed on the event loop, so the reload runs on a virtual thread.
     */
    void changed(@Observes ChannelChanged change) {
        boolean watched = watchers.containsKey(change.channelId());
        if (!enabled && !watched) {
            return;
        }
        Thread.ofVirtual().name("imap-idle-change-" + change.channelId()).start(() -> {
            try {
                ChannelAccount now = VertxContextSupport.subscribeAndAwait(() -> channels.get(change.channelId()));
                if (now == null || !now.enabled() || now.type() != ChannelType.EMAIL || !hasMailbox(now)) {
                    unwatch(change.channelId());
                } else if (enabled || watched) {
                    watch(now);
                }
            } catch (Throwable e) {
                LOG.warnf("channel %s: could not follow its change (%s); stopping its watcher", change.channelId(), e.toString());
                unwatch(change.channelId());
            }
        });
    }

    /** Starts waiting on this channel's mailbox; a watcher of an older configuration of it is replaced. */
    public void watch(ChannelAccount channel) {
        Watcher fresh = new Watcher(channel);
        Watcher[] replaced = new Watcher[1];
        Watcher current = watchers.compute(channel.id(), (id, old) -> {
            if (old != null && old.channel.equals(channel)) {
                return old;
            }
            replaced[0] = old;
            return fresh;
        });
        if (replaced[0] != null) {
            LOG.infof("channel %s: settings changed; watching it again", channel.id());
            close(replaced[0]);
        }
        if (current == fresh) {
            fresh.thread = Thread.ofVirtual().name("imap-idle-" + channel.id()).start(() -> idle(fresh));
        }
    }

    public void unwatch(String channelId) {
        Watcher w = watchers.remove(channelId);
        if (w != null) {
            LOG.debugf("channel %s: no longer watched", channelId);
            close(w);
        }
    }

    /** The configuration a channel is being watched with, if it is. */
    public Optional<ChannelAccount> watching(String channelId) {
        return Optional.ofNullable(watchers.get(channelId)).map(w -> w.channel);
    }

    /** Ends a watcher now: interrupted (a virtual thread blocked on a socket gets it closed) and its connection closed. */
    private static void close(Watcher w) {
        Thread t = w.thread;
        if (t != null) {
            t.interrupt();
        }
        Store store = w.store;
        if (store != null) {
            Thread.ofVirtual().start(() -> {
                try {
                    store.close();
                } catch (Exception e) {
                    // already closed with the interrupted socket
                }
            });
        }
    }

    private boolean current(Watcher w) {
        return !stopping && watchers.get(w.channel.id()) == w && !Thread.currentThread().isInterrupted();
    }

    private static boolean hasMailbox(ChannelAccount c) {
        return c.settings().containsKey("imapHost");
    }

    private void idle(Watcher w) {
        ChannelAccount channel = w.channel;
        boolean ssl = Boolean.parseBoolean(channel.setting("imapSsl", "false"));
        String protocol = ssl ? "imaps" : "imap";
        Properties props = poller.sessionProperties(protocol);
        props.remove("mail." + protocol + ".timeout"); // IDLE waits as long as the server lets it
        while (current(w)) {
            try (Store store = Session.getInstance(props).getStore(protocol)) {
                w.store = store;
                store.connect(channel.setting("imapHost", "localhost"), Integer.parseInt(channel.setting("imapPort", ssl ? "993" : "143")),
                        channel.setting("imapUser", channel.address()), channel.secret("imapPassword"));
                if (!(store instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                    LOG.infof("channel %s: the server has no IMAP IDLE; polling only", channel.id());
                    watchers.remove(channel.id(), w);
                    return;
                }
                IMAPFolder folder = (IMAPFolder) store.getFolder(channel.setting("imapFolder", "INBOX"));
                folder.open(Folder.READ_ONLY);
                LOG.debugf("channel %s: waiting for mail (IMAP IDLE)", channel.id());
                while (current(w) && folder.isOpen()) {
                    pollUntilQuiet(w, folder);
                    if (!current(w)) {
                        return;
                    }
                    folder.idle(true); // returns when the server announces a change (or ends the IDLE)
                }
            } catch (Exception e) {
                if (!current(w)) {
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
    private void pollUntilQuiet(Watcher w, IMAPFolder folder) throws Exception {
        int before;
        do {
            before = folder.getMessageCount();
            if (!current(w)) {
                return; // disabled or changed while the server announced mail: not taken in with the old settings
            }
            poller.poll(w.channel);
            noop(folder);
        } while (folder.getMessageCount() != before && current(w));
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
