package io.pharos.commons.graphql;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Definition;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.validation.ValidationError;

/**
 * Enforces {@link QueryLimits} in graphql-java: the document's shape is measured before it is
 * validated (validation itself costs time on hostile documents) and again before it runs, with the
 * request's own variables (a validated document is cached and reused with other variables), and no
 * field starts resolving once the request's time is up.
 */
public class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    private final QueryLimits limits;

    public QueryLimitsInstrumentation(QueryLimits limits) {
        this.limits = limits;
    }

    /** When the request's time is up, in {@link System#nanoTime()}. */
    record Deadline(long at) implements InstrumentationState {
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Deadline(System.nanoTime() + limits.timeout().toNanos());
    }

    @Override
    public InstrumentationContext<java.util.List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        Map<String, FragmentDefinition> fragments = new java.util.HashMap<>();
        for (Definition<?> definition : parameters.getDocument().getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.putIfAbsent(fragment.getName(), fragment);
            }
        }
        for (Definition<?> definition : parameters.getDocument().getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                QueryShape.check(limits, parameters.getSchema(), operation, fragments, parameters.getVariables());
            }
        }
        return super.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        QueryShape.check(limits, context.getGraphQLSchema(), context.getOperationDefinition(), context.getFragmentsByName(),
                context.getCoercedVariables().toMap());
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        // reading a property of what was fetched takes no time; a subscription lives as long as its client
        if (parameters.isTrivialDataFetcher() || parameters.getExecutionContext().isSubscriptionOperation()
                || !(state instanceof Deadline deadline)) {
            return fetcher;
        }
        return environment -> {
            long left = deadline.at() - System.nanoTime();
            if (left <= 0) {
                throw new QueryTimeoutException(limits.timeout().toMillis());
            }
            Object result = fetcher.get(environment);
            if (result instanceof CompletionStage<?> stage) {
                return stage.toCompletableFuture().copy().orTimeout(left, TimeUnit.NANOSECONDS)
                        .exceptionallyCompose(e -> CompletableFuture.failedFuture(cause(e) instanceof TimeoutException
                                ? new QueryTimeoutException(limits.timeout().toMillis())
                                : e));
            }
            return result;
        };
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
