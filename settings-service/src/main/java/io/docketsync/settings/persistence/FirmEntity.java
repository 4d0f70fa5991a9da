package io.docketsync.settings.persistence;

import io.docketsync.contracts.Office365Settings;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "firm")
public class FirmEntity extends PanacheEntityBase {
    @Id
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "always_push_appointments")
    public boolean alwaysPushAppointments = true;
    @Column(name = "always_push_tasks")
    public boolean alwaysPushTasks;
    @Column(name = "use_organizer_for_activities")
    public boolean useOrganizerForActivities;
    @Column(name = "create_new_from_office")
    public boolean createNewFromOffice;
    @Column(name = "create_new_prefix")
    public String createNewPrefix = "";
    @Enumerated(EnumType.STRING)
    @Column(name = "when_deleting")
    public Office365Settings.WhenDeleting whenDeleting = Office365Settings.WhenDeleting.REMOVE_FROM_SCHEDULED_FOR;
    @Enumerated(EnumType.STRING)
    @Column(name = "when_editing")
    public Office365Settings.WhenEditing whenEditing = Office365Settings.WhenEditing.CREATE_EDITED_COPY;
    @Column(name = "mass_delete_threshold")
    public int massDeleteThreshold = Office365Settings.DEFAULT_MASS_DELETE_THRESHOLD;
    @Column(name = "mass_delete_window_minutes")
    public int massDeleteWindowMinutes = Office365Settings.DEFAULT_MASS_DELETE_WINDOW_MINUTES;
    /** Optimistic lock: two admins saving at once cannot silently overwrite each other. */
    @Version
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();
    @Column(name = "updated_by")
    public String updatedBy;

    /** A firm that has saved nothing yet: the default settings. */
    public static FirmEntity create(String firmId) {
        FirmEntity firm = new FirmEntity();
        firm.firmId = firmId;
        return firm;
    }

    public Office365Settings settings() {
        return new Office365Settings(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities,
                createNewFromOffice, createNewPrefix, whenDeleting, whenEditing, massDeleteThreshold,
                massDeleteWindowMinutes);
    }

    public void apply(Office365Settings s) {
        alwaysPushAppointments = s.alwaysPushAppointments();
        alwaysPushTasks = s.alwaysPushTasks();
        useOrganizerForActivities = s.useOrganizerForActivities();
        createNewFromOffice = s.createNewFromOffice();
        createNewPrefix = s.createNewPrefix() == null ? "" : s.createNewPrefix().trim();
        whenDeleting = s.whenDeleting();
        whenEditing = s.whenEditing();
        massDeleteThreshold = s.massDeleteThreshold();
        massDeleteWindowMinutes = s.massDeleteWindowMinutes();
    }
}
