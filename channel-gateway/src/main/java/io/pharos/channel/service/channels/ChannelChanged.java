package io.pharos.channel.service.channels;

/** A channel was added or changed by an administrator (CDI event, fired once the change is committed). */
public record ChannelChanged(String channelId) {
}
