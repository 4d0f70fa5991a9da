package io.docketsync.sync.persistence;

import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.WrittenEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Records the change keys of our writes from the writer's own (blocking) threads, over JDBC, the moment a
 * {@code $batch} answers: the notifications of those writes arrive within milliseconds, while the wave that made
 * them may wait out Graph's throttling for seconds before it records its links. Best effort: when the database is
 * away, the echo is still recognised, only later and by reading the event.
 */
@ApplicationScoped
public class WrittenChanges {
    private static final Logger LOG = Logger.getLogger(WrittenChanges.class);
    private static final Duration KEEP = Duration.ofHours(1);
    private static final Duration CLEAN_EVERY = Duration.ofMinutes(10);

    @Inject
    DataSource jdbc;

    private volatile Instant lastCleaned = Instant.EPOCH;

    public void remember(UserKey user, List<WrittenEvent> written) {
        // an answer edited since our write (WrittenEvent.changedInOutlook) holds the user's change, not ours
        List<WrittenEvent> keyed = written.stream().filter(w -> w != null && w.changeKey() != null
                && !w.changedInOutlook()).toList();
        if (keyed.isEmpty()) {
            return;
        }
        try (Connection c = jdbc.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO written_change (id, written_at) VALUES (?, now()) ON CONFLICT (id) DO NOTHING")) {
            for (WrittenEvent w : keyed) {
                insert.setString(1, WrittenChange.id(user, w.eventId(), w.changeKey()));
                insert.addBatch();
            }
            insert.executeBatch();
            if (Instant.now().isAfter(lastCleaned.plus(CLEAN_EVERY))) {
                lastCleaned = Instant.now();
                try (PreparedStatement clean = c.prepareStatement(
                        "DELETE FROM written_change WHERE written_at < now() - make_interval(secs => ?)")) {
                    clean.setLong(1, KEEP.toSeconds());
                    clean.executeUpdate();
                }
            }
        } catch (SQLException e) {
            LOG.debugf("could not record %d written change keys for %s: %s", keyed.size(), user, e.getMessage());
        }
    }
}
