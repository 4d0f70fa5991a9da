package io.docketsync.activity.service;

import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.outbox.ExportedEvent;
import io.docketsync.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * Records a change of an activity in the caller's transaction: a line of its history, and the event with the
 * full snapshot on activity.changes.v1 (keyed by activity id) through the outbox.
 */
@ApplicationScoped
public class ActivityPublisher {
    static final String SOURCE = "/docketsync/activity-service";

    @Inject
    Outbox outbox;

    public Uni<Void> changed(ActivityChanged.ChangeType type, ActivityEntity a, List<String> previousScheduledFor,
            Origin origin, String action) {
        return changed(type, a, previousScheduledFor, origin, action, null);
    }

    /**
     * @param seriesChange what the change did to the activity's series, in words ({@code Series.describeChange}), for
     *                     the history line's detail; null when it did nothing to one
     */
    public Uni<Void> changed(ActivityChanged.ChangeType type, ActivityEntity a, List<String> previousScheduledFor,
            Origin origin, String action, String seriesChange) {
        // flushed first so that the snapshot carries the version the database gave this change; the only flush of
        // the save: the history line is inserted at once (its id is the database's) and the outbox needs no other
        return Panache.getSession().chain(s -> s.flush())
                .chain(() -> historyLine(type, a, origin, action, seriesChange).persist())
                .chain(() -> outbox.appendFlushed(Topics.ACTIVITY_CHANGES, a.id, event(type, a, previousScheduledFor,
                        origin)));
    }

    /**
     * {@link #changed(ActivityChanged.ChangeType, ActivityEntity, List, Origin, String, String)} on the reactive SQL
     * client, after the caller stored the activity on this connection (in its transaction).
     */
    public Uni<Void> changed(SqlClient connection, ActivityChanged.ChangeType type, ActivityEntity a,
            List<String> previousScheduledFor, Origin origin, String action, String seriesChange) {
        return historyLine(type, a, origin, action, seriesChange).insert(connection)
                .chain(() -> outbox.append(connection, List.of(new ExportedEvent(Topics.ACTIVITY_CHANGES, a.id,
                        event(type, a, previousScheduledFor, origin)))));
    }

    private static HistoryEntity historyLine(ActivityChanged.ChangeType type, ActivityEntity a, Origin origin,
            String action, String seriesChange) {
        String detail = type.name().toLowerCase(Locale.ROOT) + (seriesChange == null ? "" : ": " + seriesChange);
        return HistoryEntity.of(a.id, a.firmId, origin, action, HistoryEntity.Outcome.APPLIED, detail, a.version);
    }

    private static EventEnvelope<ActivityChanged> event(ActivityChanged.ChangeType type, ActivityEntity a,
            List<String> previousScheduledFor, Origin origin) {
        return EventEnvelope.of(SOURCE, ActivityChanged.TYPE, a.id, a.firmId, origin,
                new ActivityChanged(type, a.snapshot(), previousScheduledFor));
    }
}
