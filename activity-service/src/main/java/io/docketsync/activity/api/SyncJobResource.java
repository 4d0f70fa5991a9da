package io.docketsync.activity.api;

import static io.docketsync.api.ProblemException.requireValid;

import io.docketsync.activity.ActivityConfig;
import io.docketsync.activity.domain.JobRange;
import io.docketsync.activity.persistence.SyncJobEntity;
import io.docketsync.activity.service.SyncJobService;
import io.docketsync.api.Caller;
import io.docketsync.api.Problem;
import io.docketsync.api.StrictJson;
import io.docketsync.api.Violation;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "Push my calendar to 365" and "Import from 365" for the calling user: accepted and stored here, announced on
 * sync.jobs.v1 for the sync-worker, and followed here through the progress it reports on sync.status.v1. HTTP only:
 * decodes and checks the request, has {@link SyncJobService} accept or find the job, and answers.
 */
@Path("/office365")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@Tag(name = "Office 365 jobs")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class SyncJobResource {
    /** As settings-service's createNewPrefix: a subject prefix such as "CB:", not a sentence. */
    static final int MAX_PREFIX = 50;

    @Inject
    Caller caller;
    @Inject
    SyncJobService jobs;
    @Inject
    ActivityConfig config;

    @Schema(name = "PushJobInput", description = "Optional; default 30 days back and everything ahead. Dates in "
            + "years 1900 to 2999.")
    public record PushJobInput(LocalDate from, LocalDate to) {
    }

    @Schema(name = "ImportJobInput", description = "Dates in years 1900 to 2999, to not before from")
    public record ImportJobInput(@Schema(required = true) LocalDate from, @Schema(required = true) LocalDate to,
            @Schema(description = "Only events whose subject starts with it (trimmed, case-insensitive)",
                    maxLength = MAX_PREFIX) String prefix) {
    }

    @Schema(name = "SyncJob")
    public record JobView(String id, JobKind kind, String userId, LocalDate from,
            @Schema(description = "null: everything ahead") LocalDate to, String prefix, JobProgress.State state,
            int total, int done, int failed, String lastError, Instant requestedAt, Instant updatedAt) {
        static JobView of(SyncJobEntity j) {
            return new JobView(j.id, j.kind, j.userId, j.fromDate, j.toDate, j.prefix, j.state, j.total, j.done,
                    j.failed, j.lastError, j.requestedAt, j.updatedAt);
        }
    }

    @POST
    @Path("/push-jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Push my calendar to 365", description = "A one-way mass push of the caller's activities "
            + "marked for push in the range; already-linked events are never duplicated.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = PushJobInput.class)))
    @APIResponse(responseCode = "202", description = "Accepted", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Bad input, e.g. a date outside years 1900 to 2999; each field "
            + "named", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an active user of the firm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> push(String body) {
        PushJobInput in = body == null || body.isBlank() ? new PushJobInput(null, null)
                : StrictJson.read(body, PushJobInput.class);
        JobRange range = JobRange.forPush(LocalDate.now(ZoneOffset.UTC), config.pushDaysBack(), in.from(), in.to());
        requireValid(range.check(false));
        return accept(JobKind.PUSH_MY_CALENDAR, range, null, "/office365/push-jobs/");
    }

    @GET
    @Path("/push-jobs/{id}")
    @WithSession
    @Operation(summary = "Progress of one of the caller's push jobs")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job of the caller", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> pushJob(@PathParam("id") String id) {
        return job(id, JobKind.PUSH_MY_CALENDAR);
    }

    @POST
    @Path("/import-jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Import from 365", description = "Brings the caller's Office 365 events of the range into "
            + "the application as activities scheduled for them, skipping linked events.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ImportJobInput.class)))
    @APIResponse(responseCode = "202", description = "Accepted", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Bad input, e.g. a date outside years 1900 to 2999; each field "
            + "named", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an active user of the firm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> importFromOffice(String body) {
        ImportJobInput in = StrictJson.read(body, ImportJobInput.class);
        JobRange range = new JobRange(in.from(), in.to());
        List<Violation> bad = new ArrayList<>(range.check(true));
        String prefix = in.prefix() == null || in.prefix().isBlank() ? null : in.prefix().trim();
        if (prefix != null && prefix.length() > MAX_PREFIX) {
            bad.add(new Violation("prefix", "at most " + MAX_PREFIX + " characters"));
        }
        requireValid(bad);
        return accept(JobKind.IMPORT_FROM_OFFICE365, range, prefix, "/office365/import-jobs/");
    }

    @GET
    @Path("/import-jobs/{id}")
    @WithSession
    @Operation(summary = "Progress of one of the caller's import jobs")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job of the caller", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> importJob(@PathParam("id") String id) {
        return job(id, JobKind.IMPORT_FROM_OFFICE365);
    }

    private Uni<Response> accept(JobKind kind, JobRange range, String prefix, String path) {
        return jobs.accept(caller, kind, range, prefix)
                // relative on purpose: ResponseBuilder.location() would resolve it against the request's Host header
                .map(j -> Response.accepted(JobView.of(j)).header("Location", path + j.id).build());
    }

    private Uni<JobView> job(String id, JobKind kind) {
        return jobs.job(caller, id, kind).map(JobView::of);
    }
}
