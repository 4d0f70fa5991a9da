package io.docketsync.activity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A command from activity.commands.v1 already applied (or judged): read again, it changes nothing. */
@Entity
@Table(name = "processed_command")
public class ProcessedCommandEntity extends PanacheEntityBase {
    @Id
    @Column(name = "command_id")
    public String commandId;
    @Column(name = "processed_at")
    public Instant processedAt;
}
