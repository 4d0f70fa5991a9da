package io.docketsync.activity.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.docketsync.activity.domain.ActivityDraft;
import io.docketsync.activity.domain.ActivitySpan;
import io.docketsync.activity.domain.CurrentActivity;
import io.docketsync.activity.domain.ResponseStatus;
import io.docketsync.activity.domain.Series;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Entity
@Table(name = "activity")
public class ActivityEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "firm_id")
    public String firmId;
    @Enumerated(EnumType.STRING)
    public ActivityKind kind;
    public String subject;
    public String body;
    public String location;
    @Column(name = "start_at")
    public LocalDateTime start;
    @Column(name = "end_at")
    public LocalDateTime end;
    @Column(name = "all_day")
    public boolean allDay;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "due_time")
    public LocalTime dueTime;
    @Column(name = "time_zone")
    public String timeZone;
    /** JSON array of user ids, in the order they were scheduled. */
    @Column(name = "scheduled_for")
    public String scheduledFor;
    @Column(name = "organizer_id")
    public String organizerId;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "push_to_office")
    public boolean pushToOffice365;
    /** Optimistic lock: two saves of the same version cannot both win. */
    @Version
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Kept after deletion for the history and for commands that arrive late. */
    public boolean deleted;
    /** The last change made in the application: an older Office 365 change is overwritten, not applied. */
    @Column(name = "app_modified_at")
    public Instant appModifiedAt;
    /** JSON object: user id to {@link ResponseStatus}, for users who answered a meeting invitation. */
    public String responses = "{}";
    @Column(name = "span_start")
    public LocalDateTime spanStart;
    @Column(name = "span_end")
    public LocalDateTime spanEnd;
    /** Graph's patternedRecurrence as JSON (normalized); null: a single activity. */
    public String recurrence;
    /** JSON array of the series' changed or cancelled occurrences, by original start; [] for a single activity. */
    public String exceptions = "[]";

    /**
     * Stores this new activity on the reactive SQL client, in the caller's transaction, at version 0 (where
     * Hibernate's persist starts it too): a save's one INSERT without a session's work around it.
     */
    public Uni<Void> insert(SqlClient connection) {
        version = 0;
        return Sql.execute(connection, """
                INSERT INTO activity (id, firm_id, kind, subject, body, location, start_at, end_at, all_day, due_date,
                                      due_time, time_zone, scheduled_for, organizer_id, created_by, push_to_office,
                                      version, updated_at, deleted, app_modified_at, responses, span_start, span_end,
                                      recurrence, exceptions)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                        $22, $23, $24, $25)""",
                Tuple.from(new Object[] {id, firmId, kind.name(), subject, body, location, start, end, allDay, dueDate,
                        dueTime, timeZone, scheduledFor, organizerId, createdBy, pushToOffice365, version,
                        utc(updatedAt), deleted, utc(appModifiedAt), responses, spanStart, spanEnd, recurrence,
                        exceptions})).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    public List<String> scheduledFor() {
        try {
            return EventCodec.mapper().readValue(scheduledFor, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable Scheduled For of activity " + id, e);
        }
    }

    public Map<String, ResponseStatus> responses() {
        try {
            return EventCodec.mapper().readValue(responses, new TypeReference<LinkedHashMap<String, ResponseStatus>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable responses of activity " + id, e);
        }
    }

    public void response(String userId, ResponseStatus status) {
        Map<String, ResponseStatus> all = responses();
        all.put(userId, status);
        responses = EventCodec.toJson(all);
    }

    public ActivityDraft draft() {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                scheduledFor(), organizerId, pushToOffice365, recurrence(), exceptions());
    }

    public Recurrence recurrence() {
        try {
            return recurrence == null ? null : EventCodec.mapper().readValue(recurrence, Recurrence.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable recurrence of activity " + id, e);
        }
    }

    public List<RecurrenceException> exceptions() {
        try {
            return exceptions == null ? List.of()
                    : EventCodec.mapper().readValue(exceptions, new TypeReference<List<RecurrenceException>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable exceptions of activity " + id, e);
        }
    }

    /** What the rules for Office 365 commands judge a command against. */
    public CurrentActivity current() {
        return new CurrentActivity(firmId, deleted, appModifiedAt, draft());
    }

    /** Takes over a validated draft whose push flag is decided (not null). */
    public void apply(ActivityDraft draft) {
        ActivityDraft d = Series.normalized(draft);
        kind = d.kind();
        subject = d.subject().trim();
        body = d.body();
        location = d.location();
        start = d.start();
        end = d.end();
        allDay = d.allDay();
        dueDate = d.dueDate();
        dueTime = d.dueTime();
        timeZone = d.timeZone();
        scheduledFor = EventCodec.toJson(d.scheduledFor());
        organizerId = d.organizerId();
        pushToOffice365 = d.pushToOffice365();
        recurrence = d.recurrence() == null ? null : EventCodec.toJson(d.recurrence());
        exceptions = EventCodec.toJson(d.recurring() ? d.exceptions() : List.of());
        ActivitySpan span = ActivitySpan.of(d);
        spanStart = span.start();
        spanEnd = span.end();
        updatedAt = Instant.now();
    }

    public ActivitySnapshot snapshot() {
        return new ActivitySnapshot(id, firmId, kind, subject, body, location, start, end, allDay, dueDate, dueTime,
                timeZone, scheduledFor(), organizerId, createdBy, pushToOffice365, version, updatedAt, recurrence(),
                exceptions());
    }
}
