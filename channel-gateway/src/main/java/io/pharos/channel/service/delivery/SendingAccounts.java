package io.pharos.channel.service.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.smallrye.mutiny.Uni;

/**
 * The channel account a request is sent from: the one it names (the mailbox, number, page or bot the
 * customer wrote to, or the one the agent chose), which must be an enabled channel of the tenant of
 * the request's type, or else the request fails with the reason; another account is never taken
 * instead. A request naming none goes from the tenant's first enabled channel of the type.
 */
@ApplicationScoped
class SendingAccounts {

    private final Channels channels;

    SendingAccounts(Channels channels) {
        this.channels = channels;
    }

    Uni<ChannelAccount> of(String tenant, ChannelType type, String channelId) {
        String kind = type.name().toLowerCase();
        if (channelId == null || channelId.isBlank()) {
            return channels.enabled(tenant, type).map(list -> {
                if (list.isEmpty()) {
                    throw new Undeliverable("the tenant has no enabled " + kind + " channel");
                }
                return list.get(0);
            });
        }
        return channels.get(channelId).map(c -> {
            if (c == null || !c.tenant().equals(tenant)) {
                throw new Undeliverable("channel " + channelId + " is not a channel of this tenant");
            }
            if (c.type() != type) {
                throw new Undeliverable("channel " + channelId + " is a " + c.type().name().toLowerCase() + " channel, not " + kind);
            }
            if (!c.enabled()) {
                throw new Undeliverable("channel " + channelId + " is disabled");
            }
            return c;
        });
    }
}
