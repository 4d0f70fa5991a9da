package io.docketsync.activity.persistence;

import io.docketsync.contracts.Origin;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One line of an activity's sync history. */
@Entity
@Table(name = "activity_history")
public class HistoryEntity extends PanacheEntityBase {
    /** FAILED: a sync failure for one user (Office 365 refused a change, or it was dead-lettered), with its reason. */
    public enum Outcome { APPLIED, OVERWRITTEN, IGNORED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "firm_id")
    public String firmId;
    public Instant at;
    @Enumerated(EnumType.STRING)
    public Origin.Kind source;
    @Column(name = "user_id")
    public String userId;
    public String mailbox;
    public String action;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String detail;
    public Long version;

    /** The columns both inserts below fill; the firm last: {@link #insert}'s own, the activity's in {@link #append}. */
    private static final String INSERT = """
            INSERT INTO activity_history (activity_id, at, source, user_id, mailbox, action, outcome, detail, version,
                                          firm_id)
            """;

    /**
     * {@link #of} appended in the caller's transaction on the reactive SQL client, with the activity's firm; nothing
     * when the activity is not kept.
     */
    public static Uni<Void> append(SqlClient connection, String activityId, Origin origin, String action,
            Outcome outcome, String detail, Long version) {
        HistoryEntity line = of(activityId, null, origin, action, outcome, detail, version);
        return Sql.execute(connection, INSERT + "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, firm_id FROM activity "
                + "WHERE id = $1", Tuple.from(line.columns())).replaceWithVoid();
    }

    /** This line inserted on the reactive SQL client, in the caller's transaction. */
    public Uni<Void> insert(SqlClient connection) {
        List<Object> values = new ArrayList<>(columns());
        values.add(firmId);
        return Sql.execute(connection, INSERT + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", Tuple.from(values))
                .replaceWithVoid();
    }

    /** The values of {@link #INSERT}'s columns but the firm, in its order. */
    private List<Object> columns() {
        return Arrays.asList(activityId, at.atOffset(ZoneOffset.UTC), source.name(), userId, mailbox, action,
                outcome.name(), detail, version);
    }

    public static HistoryEntity of(String activityId, String firmId, Origin origin, String action, Outcome outcome,
            String detail, Long version) {
        HistoryEntity h = new HistoryEntity();
        h.activityId = activityId;
        h.firmId = firmId;
        h.at = Instant.now();
        h.source = origin.kind();
        h.userId = origin.userId();
        h.mailbox = origin.mailbox();
        h.action = action;
        h.outcome = outcome;
        h.detail = detail;
        h.version = version;
        return h;
    }
}
