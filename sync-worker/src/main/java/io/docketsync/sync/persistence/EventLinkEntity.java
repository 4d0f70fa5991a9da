package io.docketsync.sync.persistence;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventContent;
import io.docketsync.sync.domain.EventLink;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "event_link")
public class EventLinkEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key id;
    /** The firm of the activity and of the user: event ids are found per (firm, user). */
    @Column(name = "firm_id")
    public String firmId;
    public String mailbox;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "ical_uid")
    public String iCalUId;
    @Column(name = "change_key")
    public String changeKey;
    @Column(name = "pushed_version")
    public long pushedVersion;
    /** A series' content as last written to this mailbox, JSON (null: not a series, or linked before it was kept). */
    @Column(name = "written_series")
    public String writtenSeries;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Set while the writer deletes this event: its deletion notification is ours, not the user's. */
    @Column(name = "deleting_since")
    public Instant deletingSince;

    /** The series as last written to this mailbox (what its occurrences are judged against), or null. */
    public EventContent writtenSeries() {
        if (writtenSeries == null) {
            return null;
        }
        try {
            return EventCodec.mapper().readValue(writtenSeries, EventContent.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable written series of " + eventId + ": " + e.getMessage(), e);
        }
    }

    /** What {@link #writtenSeries} keeps of an op's content: the series only. */
    public static String writtenSeries(EventContent content) {
        return content == null || content.recurrence() == null ? null : EventCodec.toJson(content);
    }

    public EventLink toDomain() {
        return new EventLink(id.userId, mailbox, eventId, EventLink.Role.valueOf(id.role));
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "activity_id")
        public String activityId;
        @Column(name = "user_id")
        public String userId;
        public String role;

        public Key() {
        }

        public Key(String activityId, String userId, String role) {
            this.activityId = activityId;
            this.userId = userId;
            this.role = role;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(activityId, k.activityId) && Objects.equals(userId, k.userId)
                    && Objects.equals(role, k.role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(activityId, userId, role);
        }
    }
}
