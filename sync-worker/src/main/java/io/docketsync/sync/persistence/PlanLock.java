package io.docketsync.sync.persistence;

import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Orders a firm's plans against the replay of a user's new connection, across every worker instance: a
 * transaction-scoped advisory lock per firm, shared by plans, exclusive for a connection.
 *
 * <p>Without it the two can miss each other (write skew): a plan reads the user as not connected while the
 * connection's transaction, not yet committed, writes them connected and looks for the changes made since they
 * connected, where the plan's change, not yet committed either, is not to be seen. Both commit and the change stays
 * PENDING for a connected user (the chaos run's deletion burst: 50 new events that never reached Outlook). With the
 * lock, whichever commits second sees the other. A whole firm rather than a user, so that a transaction holds one
 * such lock and two of them can never wait for each other; connections are rare, and hold the firm's plans for
 * milliseconds. Take it first in the transaction, before any row is written.
 */
public final class PlanLock {
    /** The first key of the two-key form (a key space apart from the outbox relays' one-key locks): "plan". */
    private static final int NAMESPACE = 0x706c616e;

    private PlanLock() {
    }

    /** Taken by a change of a user's connection, before the connection is written and what waited is replayed. */
    public static Uni<Void> connecting(String firmId) {
        return lock("pg_advisory_xact_lock", firmId);
    }

    /** Taken by a plan of an activity change of the firm (in its transaction on the reactive SQL client). */
    public static Uni<Void> planning(SqlClient connection, String firmId) {
        if (firmId == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.execute(connection, lockOf("pg_advisory_xact_lock_shared"), Tuple.of(NAMESPACE, firmId.hashCode()))
                .replaceWithVoid();
    }

    /** Counted, not selected: a function returning void is not a value a client reads. */
    private static String lockOf(String function) {
        return "SELECT count(*) FROM (SELECT " + function + "($1, $2)) AS locked";
    }

    private static Uni<Void> lock(String function, String firmId) {
        if (firmId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(Sql.ordinal(lockOf(function)), Long.class)
                .setParameter(1, NAMESPACE).setParameter(2, firmId.hashCode()).getSingleResult()).replaceWithVoid();
    }
}
