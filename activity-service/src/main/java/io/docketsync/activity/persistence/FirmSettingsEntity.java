package io.docketsync.activity.persistence;

import io.docketsync.contracts.Office365Settings;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** settings.changes.v1, as far as this service needs the firm's settings: the push defaults. */
@Entity
@Table(name = "firm_settings")
public class FirmSettingsEntity extends PanacheEntityBase {
    @Id
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "always_push_appointments")
    public boolean alwaysPushAppointments;
    @Column(name = "always_push_tasks")
    public boolean alwaysPushTasks;
    public long version;

    /** The settings this service keeps; the others at their defaults. A firm not heard of yet: null. */
    public static Office365Settings settingsOf(FirmSettingsEntity firm) {
        if (firm == null) {
            return null;
        }
        Office365Settings d = Office365Settings.defaults();
        return new Office365Settings(firm.alwaysPushAppointments, firm.alwaysPushTasks,
                d.useOrganizerForActivities(), d.createNewFromOffice(), d.createNewPrefix());
    }
}
