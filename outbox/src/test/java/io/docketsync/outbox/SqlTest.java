package io.docketsync.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void aStatementForTheSqlClientBecomesOneWithHibernatesOrdinalParameters() {
        assertEquals("DELETE FROM t WHERE a = ?1 AND b = ?2 AND c LIKE ?12 ESCAPE '\\'",
                Sql.ordinal("DELETE FROM t WHERE a = $1 AND b = $2 AND c LIKE $12 ESCAPE '\\'"));
        assertEquals("SELECT 1", Sql.ordinal("SELECT 1"));
    }

    @Test
    void theOutboxInsertIsOneStatementForAllItsRows() {
        assertEquals("INSERT INTO outbox_event (event_id, topic, message_key, event_type, payload, created_at) VALUES "
                + "($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12)", Outbox.insertOf(2));
        assertEquals("INSERT INTO outbox_event (event_id, topic, message_key, event_type, payload, created_at) VALUES "
                + "(?1, ?2, ?3, ?4, ?5, ?6)", Sql.ordinal(Outbox.insertOf(1)));
    }
}
