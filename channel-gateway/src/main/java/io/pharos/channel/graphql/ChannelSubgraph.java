package io.pharos.channel.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.pharos.channel.model.SupportedChannel;
import io.quarkus.security.Authenticated;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * Root of the channel-gateway subgraph (channels and live chat). The explicit {@code @link} makes the
 * SDL a Federation v2 subgraph the gateway can compose; operations are added by the classes
 * of this package.
 */
@GraphQLApi
@Link(url = Link.FEDERATION_SPEC_LATEST_URL, _import = {
        @Import(name = "@key"), @Import(name = "@shareable"), @Import(name = "@external"),
        @Import(name = "@requires"), @Import(name = "@provides"), @Import(name = "@inaccessible") })
public class ChannelSubgraph {

    @Query
    @Authenticated
    @Description("Every channel type Pharos takes messages from, with its inbound endpoint and authenticity check")
    public @NonNull List<@NonNull SupportedChannel> supportedChannels() {
        return SupportedChannel.ALL;
    }
}
