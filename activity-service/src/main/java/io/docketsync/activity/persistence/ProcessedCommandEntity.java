package io.docketsync.activity.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
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

    /**
     * Records the command as processed in the current transaction; true when this is its first time (one statement:
     * {@code INSERT … ON CONFLICT DO NOTHING}; a concurrent transaction claiming the same id waits for the other's end).
     */
    public static Uni<Boolean> firstTime(String commandId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO processed_command (command_id, "
                        + "processed_at) VALUES (?1, ?2) ON CONFLICT (command_id) DO NOTHING")
                .setParameter(1, commandId).setParameter(2, Instant.now()).executeUpdate())
                .map(inserted -> inserted > 0);
    }
}
