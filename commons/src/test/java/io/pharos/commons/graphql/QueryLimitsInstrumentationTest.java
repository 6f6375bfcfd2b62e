package io.pharos.commons.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** The limits on a plain graphql-java engine: what the subgraphs get through SmallRye's SPI. */
class QueryLimitsInstrumentationTest {

    static final String SDL = """
            type Query { items(first: Int = 25): [Item] slow: String me: String }
            type Item { id: ID children: [Item] }
            """;

    final AtomicInteger fetched = new AtomicInteger();

    GraphQL engine(QueryLimits limits) {
        DataFetcher<Object> items = env -> {
            fetched.incrementAndGet();
            return List.of(Map.of("id", "1"));
        };
        DataFetcher<Object> slow = env -> CompletableFuture.supplyAsync(() -> "late",
                CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("items", items).dataFetcher("slow", slow).dataFetcher("me", env -> "me"))
                .type("Item", t -> t.dataFetcher("children", env -> List.of()))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        return GraphQL.newGraphQL(schema).instrumentation(new QueryLimitsInstrumentation(limits)).build();
    }

    static QueryLimits limits(Duration timeout, boolean introspection) {
        return new QueryLimits(10, 50, 50, 10_000, 100, 10, timeout, introspection);
    }

    static String code(ExecutionResult result) {
        assertThat(result.getErrors()).as(result.toString()).isNotEmpty();
        return String.valueOf(result.getErrors().get(0).getExtensions().get("code"));
    }

    @Test
    void aFieldStillRunningWhenTheTimeIsUpIsAbandonedWithQueryTimeout() {
        long started = System.nanoTime();
        ExecutionResult result = engine(limits(Duration.ofMillis(200), true)).execute("{ me slow }");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(result.getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("ran longer than 200 ms"));
        assertThat(result.<Map<String, Object>>getData()).containsEntry("me", "me").containsEntry("slow", null);
    }

    @Test
    void aFragmentFanOutIsMeasuredExpandedAndRefusedWithoutResolvingAnything() {
        // 2^14 copies of { id } below one page of items, through spreads: a short document, a huge query
        StringBuilder document = new StringBuilder("{ items { ...F0 } }");
        for (int i = 0; i < 14; i++) {
            document.append(" fragment F").append(i).append(" on Item { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
        }
        document.append(" fragment F14 on Item { id }");
        ExecutionResult result = engine(limits(Duration.ofSeconds(10), true)).execute(document.toString());
        assertThat(code(result)).isEqualTo("QUERY_TOO_COSTLY");
        assertThat(fetched).hasValue(0);
    }

    @Test
    void depthCountsThroughFragmentsAndIntrospectionCanBeTurnedOff() {
        String deep = "{ items { ...A } } fragment A on Item { children { children { children { children { children"
                + " { children { children { children { children { id } } } } } } } } } }";
        assertThat(code(engine(limits(Duration.ofSeconds(10), true)).execute(deep))).isEqualTo("QUERY_TOO_DEEP");

        assertThat(code(engine(limits(Duration.ofSeconds(10), false)).execute("{ __schema { types { name } } }")))
                .isEqualTo("INTROSPECTION_DISABLED");
        ExecutionResult typename = engine(limits(Duration.ofSeconds(10), false)).execute("{ __typename }");
        assertThat(typename.getErrors()).isEmpty();
        ExecutionResult introspection = engine(limits(Duration.ofSeconds(10), true)).execute("{ __schema { types { name } } }");
        assertThat(introspection.getErrors()).isEmpty();
    }

    @Test
    void pageSizesComeFromArgumentsVariablesOrTheSchemaDefault() {
        GraphQL engine = engine(limits(Duration.ofSeconds(10), true));
        String query = "query($n: Int) { items(first: $n) { children { children { children { id } } } } }";
        // default 25 × 10 × 10 × 10 children ids: over 10,000
        assertThat(code(engine.execute(query))).isEqualTo("QUERY_TOO_COSTLY");
        assertThat(engine.execute(ExecutionInput.newExecutionInput(query).variables(Map.of("n", 2))).getErrors()).isEmpty();
        assertThat(code(engine.execute(ExecutionInput.newExecutionInput(query).variables(Map.of("n", 101))))).isEqualTo("PAGE_TOO_LARGE");
    }
}
