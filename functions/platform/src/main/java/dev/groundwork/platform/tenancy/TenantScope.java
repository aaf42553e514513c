package dev.groundwork.platform.tenancy;

import dev.groundwork.kernel.TenantId;
import java.util.function.Supplier;

/**
 * Runs a request's work as its tenant: {@code HttpFunction} hands it the tenant of the verified token, and nothing
 * below the HTTP adapter can choose another. Deployed and locally that binds the tenant's own credentials
 * ({@link TenantCredentials}); handler tests over in-memory repositories, which hold no credentials, use
 * {@link #IN_MEMORY}.
 *
 * @see dev.groundwork.platform.http.HttpFunction
 */
public interface TenantScope {
    /** For repositories that are not DynamoDB: there are no credentials to bind. */
    TenantScope IN_MEMORY = new TenantScope() {
        @Override
        public <T> T actingFor(TenantId tenant, Supplier<T> work) {
            return work.get();
        }

        @Override
        public void forget(TenantId tenant) {}
    };

    <T> T actingFor(TenantId tenant, Supplier<T> work);

    /** Drops what is kept for this tenant: a SnapStart priming's made-up tenant must not live on in the snapshot. */
    void forget(TenantId tenant);
}
