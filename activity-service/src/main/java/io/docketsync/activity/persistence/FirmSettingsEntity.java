package io.docketsync.activity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
