package dev.podloom.admin;

import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;

import java.util.List;

/** What the operators' console lists: accounts (paged) and recent failed podcasts. */
@Controller("/admin/v1")
@Requires(property = AdminTokenFilter.PROPERTY, pattern = ".+")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminConsoleController {

    @Serdeable
    record AccountPage(List<AdminQueries.AccountSummary> accounts, int page, int perPage, long total, boolean hasMore) {
    }

    @Serdeable
    record Failures(List<AdminQueries.FailedPodcast> podcasts) {
    }

    private final AdminQueries queries;

    public AdminConsoleController(AdminQueries queries) {
        this.queries = queries;
    }

    @Get("/accounts")
    @Operation(operationId = "adminListAccounts", summary = "All accounts, newest first (operator)")
    public HttpResponse<Envelope> accounts(@Nullable @QueryValue String page,
                                           @Nullable @QueryValue("per_page") String perPage) {
        int pageNumber = bounded("page", page, 1, 1, 100_000);
        int size = bounded("per_page", perPage, 50, 1, 200);
        long total = queries.accountCount();
        return ApiResponses.ok(new AccountPage(queries.accounts(size, (pageNumber - 1) * size), pageNumber, size,
                total, (long) pageNumber * size < total));
    }

    @Get("/podcasts/failed")
    @Operation(operationId = "adminListFailedPodcasts", summary = "Recently failed podcasts, newest first (operator)")
    public HttpResponse<Envelope> failures(@Nullable @QueryValue String limit) {
        return ApiResponses.ok(new Failures(queries.recentFailures(bounded("limit", limit, 50, 1, 500))));
    }

    private static int bounded(String field, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.invalid(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
    }
}
