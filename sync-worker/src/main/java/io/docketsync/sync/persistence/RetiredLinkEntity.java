package io.docketsync.sync.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A link to a mailbox the user no longer uses (they connected another one): its event is left alone, and the link
 * comes back if that mailbox is connected again (issue 18).
 */
@Entity
@Table(name = "retired_link")
@IdClass(RetiredLinkEntity.Key.class)
public class RetiredLinkEntity extends PanacheEntityBase {
    @Id
    @Column(name = "firm_id")
    public String firmId;
    @Id
    @Column(name = "user_id")
    public String userId;
    @Id
    public String mailbox;
    @Id
    @Column(name = "activity_id")
    public String activityId;
    @Id
    public String role;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "ical_uid")
    public String iCalUId;
    @Column(name = "change_key")
    public String changeKey;
    @Column(name = "pushed_version")
    public long pushedVersion;
    @Column(name = "written_series")
    public String writtenSeries;
    @Column(name = "retired_at")
    public Instant retiredAt;

    public static RetiredLinkEntity of(EventLinkEntity l, Instant at) {
        RetiredLinkEntity r = new RetiredLinkEntity();
        r.firmId = l.firmId;
        r.userId = l.id.userId;
        r.mailbox = l.mailbox;
        r.activityId = l.id.activityId;
        r.role = l.id.role;
        r.eventId = l.eventId;
        r.iCalUId = l.iCalUId;
        r.changeKey = l.changeKey;
        r.pushedVersion = l.pushedVersion;
        r.writtenSeries = l.writtenSeries;
        r.retiredAt = at;
        return r;
    }

    /** A newer link of the same mailbox, activity and role retired over this row. */
    public void take(EventLinkEntity l, Instant at) {
        eventId = l.eventId;
        iCalUId = l.iCalUId;
        changeKey = l.changeKey;
        pushedVersion = l.pushedVersion;
        writtenSeries = l.writtenSeries;
        retiredAt = at;
    }

    /** This retired link written into a link entity of the same activity, user and role (changed in place). */
    public void into(EventLinkEntity l) {
        l.mailbox = mailbox;
        l.eventId = eventId;
        l.iCalUId = iCalUId;
        l.changeKey = changeKey;
        l.pushedVersion = pushedVersion;
        l.writtenSeries = writtenSeries;
        l.deletingSince = null;
        l.updatedAt = Instant.now();
    }

    /** The link again, as it was when retired. */
    public EventLinkEntity toLink() {
        EventLinkEntity l = new EventLinkEntity();
        l.id = new EventLinkEntity.Key(activityId, userId, role);
        l.firmId = firmId;
        l.mailbox = mailbox;
        l.eventId = eventId;
        l.iCalUId = iCalUId;
        l.changeKey = changeKey;
        l.pushedVersion = pushedVersion;
        l.writtenSeries = writtenSeries;
        l.updatedAt = Instant.now();
        return l;
    }

    public static class Key implements Serializable {
        public String firmId;
        public String userId;
        public String mailbox;
        public String activityId;
        public String role;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(firmId, k.firmId) && Objects.equals(userId, k.userId)
                    && Objects.equals(mailbox, k.mailbox) && Objects.equals(activityId, k.activityId)
                    && Objects.equals(role, k.role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(firmId, userId, mailbox, activityId, role);
        }
    }
}
