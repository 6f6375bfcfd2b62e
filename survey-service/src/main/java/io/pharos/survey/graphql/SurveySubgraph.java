package io.pharos.survey.graphql;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.pharos.survey.model.SurveyType;
import io.pharos.survey.model.SurveyTypeInfo;
import io.quarkus.security.Authenticated;

import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * Root of the survey-service subgraph (surveys and responses; extends Ticket and Customer). The explicit {@code @link} makes the
 * SDL a Federation v2 subgraph the gateway can compose; operations are added by the classes
 * of this package.
 */
@GraphQLApi
@Link(url = Link.FEDERATION_SPEC_LATEST_URL, _import = {
        @Import(name = "@key"), @Import(name = "@shareable"), @Import(name = "@external"),
        @Import(name = "@requires"), @Import(name = "@provides"), @Import(name = "@inaccessible") })
public class SurveySubgraph {

    @Query
    @Authenticated
    @Description("The survey types Pharos runs (CSAT, NPS, CES) with their default scales")
    public @NonNull List<@NonNull SurveyTypeInfo> surveyTypes() {
        return Arrays.stream(SurveyType.values()).map(SurveyTypeInfo::of).toList();
    }
}
