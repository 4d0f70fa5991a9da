package io.docketsync.activity.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.EventCodec;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
import java.util.List;

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

    public List<String> scheduledFor() {
        try {
            return EventCodec.mapper().readValue(scheduledFor, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable Scheduled For of activity " + id, e);
        }
    }

    public void scheduledFor(List<String> users) {
        scheduledFor = EventCodec.toJson(users);
    }

    public ActivitySnapshot snapshot() {
        return new ActivitySnapshot(id, firmId, kind, subject, body, location, start, end, allDay, dueDate, dueTime,
                timeZone, scheduledFor(), organizerId, createdBy, pushToOffice365, version, updatedAt);
    }
}
