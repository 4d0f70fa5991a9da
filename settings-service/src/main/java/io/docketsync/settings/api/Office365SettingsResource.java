package io.docketsync.settings.api;

import static io.docketsync.api.ProblemException.requireValid;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.api.Caller;
import io.docketsync.api.ETags;
import io.docketsync.api.Problem;
import io.docketsync.api.ProblemException;
import io.docketsync.api.StrictJson;
import io.docketsync.settings.domain.SettingsRules;
import io.docketsync.settings.messaging.SettingsPublisher;
import io.docketsync.settings.persistence.FirmEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** System Settings &gt; Office 365: read by every user of the firm, changed by administrators. */
@Path("/settings/office365")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@Tag(name = "Office 365 settings", description = "The firm's system-wide sync settings")
@APIResponse(responseCode = "401", description = "No valid bearer token, or one without a usable 'sub' or 'firm' "
        + "claim", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class Office365SettingsResource {
    @Inject
    Caller caller;
    @Inject
    SettingsPublisher publisher;

    @Schema(name = "Office365SettingsInput", description = "Every switch is required; unknown fields are refused")
    public record SettingsInput(
            @Schema(required = true, description = "New appointments are marked 'push to Office 365'")
            Boolean alwaysPushAppointments,
            @Schema(required = true, description = "New tasks are marked 'push to Office 365'") Boolean alwaysPushTasks,
            @Schema(required = true, description = "Appointments sync as meetings sent by their organizer")
            Boolean useOrganizerForActivities,
            @Schema(required = true, description = "Two-way: new Office 365 events create activities")
            Boolean createNewFromOffice,
            @Schema(maxLength = SettingsRules.MAX_PREFIX, description = "Only events whose subject starts with it "
                    + "(trimmed, case-insensitive); blank = all; no NUL character") String createNewPrefix,
            @Schema(description = "A user restricted from deleting an activity deletes its event in Office 365: "
                    + "REMOVE_FROM_SCHEDULED_FOR (the seed's rule: they only leave Scheduled For) or RESTORE_EVENT "
                    + "(the event is written back to their calendar). Left out: unchanged (default "
                    + "REMOVE_FROM_SCHEDULED_FOR)") Office365Settings.WhenDeleting whenDeleting,
            @Schema(description = "A user restricted from editing an activity edits its event in Office 365: "
                    + "CREATE_EDITED_COPY (the seed's rule: they leave Scheduled For and get a new activity with their "
                    + "edit) or RESTORE_EVENT (their edit is overwritten with the activity's version). Left out: "
                    + "unchanged (default CREATE_EDITED_COPY)") Office365Settings.WhenEditing whenEditing,
            @Schema(minimum = "0", maximum = "10000", description = "Deletion-burst safety valve: at most this many "
                    + "linked events deleted in one user's Office 365 calendar within massDeleteWindowMinutes are "
                    + "applied; the rest are held until an administrator (or the user) applies or rejects them. 0 = no "
                    + "valve. Left out: unchanged (default 20)") Integer massDeleteThreshold,
            @Schema(minimum = "1", maximum = "1440", description = "The valve's window in minutes. Left out: "
                    + "unchanged (default 10)") Integer massDeleteWindowMinutes) {
    }

    /** The firm's settings version as an entity tag; "defaults" while the firm has never saved any. */
    static String version(FirmEntity firm) {
        return firm == null ? "defaults" : String.valueOf(firm.version);
    }

    @GET
    @WithSession
    @Operation(summary = "The firm's Office 365 sync settings (defaults until an administrator changes them)")
    @APIResponse(responseCode = "200", description = "The settings", headers = @Header(name = "ETag",
            description = "Their version, for If-Match (\"defaults\" before the first save)"),
            content = @Content(schema = @Schema(implementation = Office365Settings.class)))
    public Uni<Response> get() {
        return FirmEntity.<FirmEntity>findById(caller.firmId()).map(firm -> Response
                .ok(firm == null ? Office365Settings.defaults() : firm.settings())
                .header("ETag", ETags.of(version(firm))).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Replace the firm's Office 365 sync settings (administrators only)",
            description = "Published with the firm's users on settings.changes.v1.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SettingsInput.class)))
    @APIResponse(responseCode = "200", description = "Saved", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Office365Settings.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing switch, wrong types or a prefix too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator (forbidden), or one the firm has "
            + "deactivated (user-deactivated)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> put(@HeaderParam("If-Match") @Parameter(description = "The ETag read; optional, but a stale "
            + "one is refused") String ifMatch, String body) {
        caller.requireAdmin("change the Office 365 settings");
        SettingsInput in = StrictJson.read(body, SettingsInput.class);
        var violations = new java.util.ArrayList<>(SettingsRules.check(in.alwaysPushAppointments(),
                in.alwaysPushTasks(), in.useOrganizerForActivities(), in.createNewFromOffice(), in.createNewPrefix()));
        violations.addAll(SettingsRules.checkMassDelete(in.massDeleteThreshold(), in.massDeleteWindowMinutes()));
        requireValid(violations);
        String firmId = caller.firmId();
        String userId = caller.userId();
        return Administrators.requireNotDeactivated(firmId, userId)
                .chain(() -> FirmEntity.<FirmEntity>findById(firmId)).chain(found -> {
            ETags.check(ifMatch, version(found), "the firm's settings");
            Office365Settings settings = SettingsRules.settings(in.alwaysPushAppointments(), in.alwaysPushTasks(),
                    in.useOrganizerForActivities(), in.createNewFromOffice(), in.createNewPrefix(), in.whenDeleting(),
                    in.whenEditing(), in.massDeleteThreshold(), in.massDeleteWindowMinutes(),
                    found == null ? null : found.settings());
            FirmEntity firm = found == null ? FirmEntity.create(firmId) : found;
            firm.apply(settings);
            firm.updatedBy = userId;
            firm.updatedAt = Instant.now();
            return firm.<FirmEntity>persist()
                    .call(() -> publisher.firmChanged(firm, Origin.app(userId)))
                    .map(saved -> Response.ok(saved.settings()).header("ETag", ETags.of(version(saved))).build());
        });
    }
}
