package dev.groundwork.platform.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * An EMF environment that configures each document as the Lambda environment does, and whose sink serialises it
 * exactly as the Lambda environment's console sink does and then drops it: a SnapStart priming runs the metrics code (Powertools, the EMF model, its JSON) and nothing reaches
 * stdout, so nothing reaches CloudWatch. A document that cannot be serialised throws, so a bug shows at the checkpoint.
 */
final class DiscardedEmf extends EnvironmentProvider {
    private static final Environment ENVIRONMENT = new Environment() {
        private final ISink sink = new ISink() {
            @Override
            public void accept(MetricsContext context) {
                try {
                    context.serialize();
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a priming metrics document cannot be serialised", e);
                }
            }

            @Override
            public CompletableFuture<Void> shutdown() {
                return CompletableFuture.completedFuture(null);
            }
        };

        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return "priming";
        }

        @Override
        public String getType() {
            return "AWS::Lambda::Function";
        }

        @Override
        public String getLogGroupName() {
            return "";
        }

        /**
         * As the Lambda environment configures a request's document (its function version, log stream and trace id):
         * its code runs at a request's first flush, so the priming runs it too. The EMF library caches the environment
         * it resolved for the process: this is the one the request metrics print through.
         */
        @Override
        public void configureContext(MetricsContext context) {
            new EnvironmentProvider().resolveEnvironment().join().configureContext(context);
        }

        @Override
        public ISink getSink() {
            return sink;
        }
    };

    @Override
    public CompletableFuture<Environment> resolveEnvironment() {
        return CompletableFuture.completedFuture(ENVIRONMENT);
    }

    @Override
    public Environment getDefaultEnvironment() {
        return ENVIRONMENT;
    }
}
