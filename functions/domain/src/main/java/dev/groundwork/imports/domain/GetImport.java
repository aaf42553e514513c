package dev.groundwork.imports.domain;

import dev.groundwork.kernel.TenantId;
import java.util.Optional;

/** Reads one import job of a tenant. Another tenant's job is absent, exactly like a missing one. */
public final class GetImport {
    private final ImportJobs jobs;

    public GetImport(ImportJobs jobs) {
        this.jobs = jobs;
    }

    public Optional<ImportJob> get(TenantId tenant, ImportId id) {
        return jobs.find(tenant, id);
    }
}
