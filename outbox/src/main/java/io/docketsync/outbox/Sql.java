package io.docketsync.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A statement sent straight through the reactive SQL client, on a path where Hibernate's work per statement (a
 * session, query objects, parameter bindings, result mapping) costs more than the statement does in PostgreSQL.
 * Each is logged at DEBUG under {@value #LOG_CATEGORY}, as Hibernate logs its own under {@code org.hibernate.SQL}.
 */
public final class Sql {
    public static final String LOG_CATEGORY = "io.docketsync.sql";
    private static final Logger LOG = Logger.getLogger(LOG_CATEGORY);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    private Sql() {
    }

    /**
     * The same statement for a Hibernate native query: {@code $1, $2, …} become its ordinal parameters
     * {@code ?1, ?2, …}, so that a statement run both ways is written once.
     */
    public static String ordinal(String sql) {
        return PLACEHOLDER.matcher(sql).replaceAll("?$1");
    }

    /** @param sql with {@code $1, $2, …} placeholders, taken from {@code params} in order */
    public static Uni<RowSet<Row>> execute(SqlClient client, String sql, Tuple params) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(sql);
        }
        return client.preparedQuery(sql).execute(params);
    }
}
