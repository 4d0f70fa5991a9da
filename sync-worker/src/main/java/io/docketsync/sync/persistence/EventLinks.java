package io.docketsync.sync.persistence;

import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.WrittenEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/** The worker's links between activities and users' events: the queries and changes every flow shares. */
public final class EventLinks {
    private EventLinks() {
    }

    /** The link of an event in this user's mailbox: found by firm, user and event (a user id is per firm). */
    public static Uni<EventLinkEntity> of(UserKey user, String eventId) {
        return EventLinkEntity.<EventLinkEntity>find("firmId = ?1 and id.userId = ?2 and eventId = ?3", user.firmId(),
                user.userId(), eventId).firstResult();
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
    public static Uni<Void> written(EventLinkEntity.Key key, String firmId, String mailbox, WrittenEvent written,
            long version, EventContent content) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO event_link (activity_id, user_id, role, firm_id, mailbox, event_id, ical_uid, change_key,
                                        pushed_version, written_series, updated_at)
                VALUES (:activity, :user, :role, :firm, :mailbox, :event, :ical, :changeKey, :version, :series, now())
                ON CONFLICT (activity_id, user_id, role) DO UPDATE SET firm_id = excluded.firm_id,
                    mailbox = excluded.mailbox, event_id = excluded.event_id, ical_uid = excluded.ical_uid,
                    change_key = excluded.change_key,
                    written_series = CASE WHEN excluded.pushed_version >= event_link.pushed_version
                        THEN excluded.written_series ELSE event_link.written_series END,
                    pushed_version = GREATEST(event_link.pushed_version, excluded.pushed_version),
                    updated_at = excluded.updated_at""")
                .setParameter("activity", key.activityId).setParameter("user", key.userId)
                .setParameter("role", key.role).setParameter("firm", firmId).setParameter("mailbox", mailbox)
                .setParameter("event", written.eventId()).setParameter("ical", written.iCalUId())
                .setParameter("changeKey", written.changeKey()).setParameter("version", version)
                .setParameter("series", EventLinkEntity.writtenSeries(content))
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * The event already holds this version (made from the user's own edit of it in Outlook, which nothing of ours
     * has overwritten since): recorded as if written, so that the version is not taken for one still on its way.
     */
    public static Uni<Void> held(EventLinkEntity.Key key, long version, EventContent content) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE event_link SET written_series = :series, pushed_version = :version, updated_at = now()
                WHERE activity_id = :activity AND user_id = :user AND role = :role AND pushed_version < :version""")
                .setParameter("activity", key.activityId).setParameter("user", key.userId)
                .setParameter("role", key.role).setParameter("version", version)
                .setParameter("series", EventLinkEntity.writtenSeries(content))
                .executeUpdate()).replaceWithVoid();
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

    /** The link is gone for good, and with it what we remember writing to its event (WrittenChange.forget). */
    public static Uni<Void> remove(EventLinkEntity.Key key, String firmId, String eventId) {
        return EventLinkEntity.delete("id", key)
                .chain(() -> WrittenChange.forget(UserKey.of(firmId, key.userId), eventId));
    }

    public static Uni<Void> remove(EventLinkEntity link) {
        return remove(link.id, link.firmId, link.eventId);
    }

    /** Since when the writer is deleting the link's event (null: it is not): its deletion is then not the user's. */
    public static Uni<Void> markDeleting(EventLinkEntity.Key key, Instant since) {
        return EventLinkEntity.update("deletingSince = ?1 where id.activityId = ?2 and id.userId = ?3 and id.role = ?4",
                since, key.activityId, key.userId, key.role).replaceWithVoid();
    }
}
