package io.docketsync.sync.persistence;

import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.WriteTarget;
import io.docketsync.sync.domain.WrittenEvent;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The worker's links between activities and users' events: the queries and changes every flow shares. */
public final class EventLinks {
    private EventLinks() {
    }

    /** The link of an event in this user's mailbox: found by firm, user and event (a user id is per firm). */
    public static Uni<EventLinkEntity> of(UserKey user, String eventId) {
        return EventLinkEntity.<EventLinkEntity>find("firmId = ?1 and id.userId = ?2 and eventId = ?3", user.firmId(),
                user.userId(), eventId).firstResult();
    }

    /**
     * Whether a change notification needs no judgement: the notification (by its envelope id) was handled already,
     * or the event's change key is the one the writer recorded, in the event's link or among the change keys
     * recorded the moment a batch answered ({@link WrittenChange}). One statement on the reactive SQL client.
     */
    public static Uni<Boolean> handledOrEcho(SqlClient client, String notificationId, UserKey user, String eventId,
            String changeKey) {
        return Sql.execute(client, """
                SELECT EXISTS (SELECT 1 FROM processed_event WHERE event_id = $1)
                    OR EXISTS (SELECT 1 FROM event_link WHERE firm_id = $2 AND user_id = $3 AND event_id = $4
                               AND change_key = $5)
                    OR EXISTS (SELECT 1 FROM written_change WHERE id = $6)""", Tuple.of(notificationId,
                        user.firmId(), user.userId(), eventId, changeKey, WrittenChange.id(user, eventId, changeKey)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * What the write stage resolves a wave's ops against: the links of these activities, each as the target it
     * names (event, highest version written, change key), in one statement on the reactive SQL client.
     */
    public static Uni<Map<EventLinkEntity.Key, WriteTarget.CurrentLink>> current(SqlClient client,
            List<String> activityIds) {
        return Sql.execute(client, """
                SELECT activity_id, user_id, role, event_id, pushed_version, change_key FROM event_link
                WHERE activity_id = ANY($1)""", Tuple.of(activityIds.toArray(String[]::new))).map(rows -> {
                    Map<EventLinkEntity.Key, WriteTarget.CurrentLink> links = new HashMap<>();
                    for (Row r : rows) {
                        links.put(new EventLinkEntity.Key(r.getString(0), r.getString(1), r.getString(2)),
                                new WriteTarget.CurrentLink(r.getString(3), r.getLong(4), r.getString(5)));
                    }
                    return links;
                });
    }

    /** The activity's links, as the plan stage reads them: one statement on the reactive SQL client. */
    public static Uni<List<EventLink>> ofActivity(SqlClient client, String activityId) {
        return Sql.execute(client, "SELECT user_id, mailbox, event_id, role FROM event_link WHERE activity_id = $1",
                Tuple.of(activityId)).map(rows -> {
                    List<EventLink> links = new ArrayList<>(rows.rowCount());
                    for (Row r : rows) {
                        links.add(new EventLink(r.getString(0), r.getString(1), r.getString(2),
                                EventLink.Role.valueOf(r.getString(3))));
                    }
                    return links;
                });
    }

    /** The organizer's link of this event (a meeting we sent from this mailbox), else null. */
    public static Uni<EventLinkEntity> organizerOf(UserKey user, String eventId) {
        return EventLinkEntity.<EventLinkEntity>find(
                "firmId = ?1 and id.userId = ?2 and eventId = ?3 and id.role = 'ORGANIZER'", user.firmId(),
                user.userId(), eventId).firstResult();
    }

    /** Links of other users of the firm to the same meeting (iCalUId). */
    public static Uni<List<EventLinkEntity>> ofMeeting(UserKey exceptUser, String iCalUId) {
        return EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and iCalUId = ?2 and id.userId <> ?3",
                exceptUser.firmId(), iCalUId, exceptUser.userId());
    }

    /** @param withChangeKey false: the event is to be written once more (its current change key is not ours) */
    public static Uni<Void> link(String activityId, UserKey user, EventLink.Role role, String mailbox,
            OfficeEvent event, boolean withChangeKey) {
        EventLinkEntity l = new EventLinkEntity();
        l.id = new EventLinkEntity.Key(activityId, user.userId(), role.name());
        l.firmId = user.firmId();
        l.mailbox = mailbox;
        l.eventId = event.eventId();
        l.iCalUId = event.iCalUId();
        l.changeKey = withChangeKey ? event.changeKey() : null;
        l.updatedAt = Instant.now();
        return l.persist().replaceWithVoid();
    }

    /**
     * What the writer wrote: the link names the event Graph answered and the highest version written, and for a
     * series, that version's content (what its occurrences are judged against). One upsert (not a read and a write
     * per op): the write stage records every op of a run this way, and nothing in its transaction holds the link
     * loaded. A deletion mark stays as it was.
     */
    public static Uni<Void> written(SqlClient connection, EventLinkEntity.Key key, String firmId, String mailbox,
            WrittenEvent written, long version, EventContent content) {
        return Sql.execute(connection, """
                INSERT INTO event_link (activity_id, user_id, role, firm_id, mailbox, event_id, ical_uid, change_key,
                                        pushed_version, written_series, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
                ON CONFLICT (activity_id, user_id, role) DO UPDATE SET firm_id = excluded.firm_id,
                    mailbox = excluded.mailbox, event_id = excluded.event_id, ical_uid = excluded.ical_uid,
                    change_key = excluded.change_key,
                    written_series = CASE WHEN excluded.pushed_version >= event_link.pushed_version
                        THEN excluded.written_series ELSE event_link.written_series END,
                    pushed_version = GREATEST(event_link.pushed_version, excluded.pushed_version),
                    updated_at = excluded.updated_at""", Tuple.from(new Object[] {key.activityId, key.userId, key.role,
                        firmId, mailbox, written.eventId(), written.iCalUId(), written.changeKey(), version,
                        EventLinkEntity.writtenSeries(content)})).replaceWithVoid();
    }

    /**
     * The event already holds this version (made from the user's own edit of it in Outlook, which nothing of ours
     * has overwritten since): recorded as if written, so that the version is not taken for one still on its way.
     */
    public static Uni<Void> held(SqlClient connection, EventLinkEntity.Key key, long version, EventContent content) {
        return Sql.execute(connection, """
                UPDATE event_link SET written_series = $4, pushed_version = $5, updated_at = now()
                WHERE activity_id = $1 AND user_id = $2 AND role = $3 AND pushed_version < $5""",
                Tuple.of(key.activityId, key.userId, key.role, EventLinkEntity.writtenSeries(content), version))
                .replaceWithVoid();
    }

    /**
     * The change key of an Outlook edit just judged, recorded unless the link moved on since the judgement read it:
     * a write of ours recorded meanwhile landed on top of the edit, and its change key must stay, so that the edit's
     * version is written back over it (WriteTarget). Only that column changes: the link as the judgement loaded it is
     * not written back over what was recorded meanwhile.
     *
     * @return whether it was recorded
     */
    public static Uni<Boolean> recordChangeKey(EventLinkEntity.Key key, String seen, String changeKey) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE event_link SET change_key = :changeKey, updated_at = now()
                WHERE activity_id = :activity AND user_id = :user AND role = :role
                  AND change_key IS NOT DISTINCT FROM CAST(:seen AS TEXT)""")
                .setParameter("activity", key.activityId).setParameter("user", key.userId)
                .setParameter("role", key.role).setParameter("seen", seen).setParameter("changeKey", changeKey)
                .executeUpdate()).map(updated -> updated > 0);
    }

    private static final String REMOVE = "DELETE FROM event_link WHERE activity_id = $1 AND user_id = $2 AND role = $3";
    private static final String REMOVE_ORM = Sql.ordinal(REMOVE);

    /** The link is gone for good, and with it what we remember writing to its event (WrittenChange.forget). */
    public static Uni<Void> remove(EventLinkEntity.Key key, String firmId, String eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REMOVE_ORM)
                .setParameter(1, key.activityId).setParameter(2, key.userId).setParameter(3, key.role).executeUpdate())
                .chain(() -> WrittenChange.forget(UserKey.of(firmId, key.userId), eventId));
    }

    /** {@link #remove(EventLinkEntity.Key, String, String)} in the caller's transaction on the reactive SQL client. */
    public static Uni<Void> remove(SqlClient connection, EventLinkEntity.Key key, String firmId, String eventId) {
        return Sql.execute(connection, REMOVE, Tuple.of(key.activityId, key.userId, key.role))
                .chain(() -> WrittenChange.forget(connection, UserKey.of(firmId, key.userId), eventId));
    }

    public static Uni<Void> remove(EventLinkEntity link) {
        return remove(link.id, link.firmId, link.eventId);
    }

    /** Since when the writer is deleting the link's event (null: it is not): its deletion is then not the user's. */
    public static Uni<Void> markDeleting(SqlClient connection, EventLinkEntity.Key key, Instant since) {
        return Sql.execute(connection, """
                UPDATE event_link SET deleting_since = $4 WHERE activity_id = $1 AND user_id = $2 AND role = $3""",
                Tuple.of(key.activityId, key.userId, key.role, since == null ? null : since.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
