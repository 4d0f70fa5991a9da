package io.docketsync.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The SQL statements a service sends while this is open, from the statement logs it names (Hibernate's
 * {@code org.hibernate.SQL}, the reactive SQL client's {@code io.docketsync.sql}): what a test counts a path's cost
 * in. Opening raises those logs to FINE; closing puts them back as they were.
 */
public final class SqlStatementLog implements AutoCloseable {
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private final List<Logger> logs = new ArrayList<>();
    private final List<Level> levelsBefore = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            statements.add(String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private SqlStatementLog() {
    }

    /** Starts recording what the loggers of these categories log. */
    public static SqlStatementLog open(String... categories) {
        SqlStatementLog log = new SqlStatementLog();
        for (String category : categories) {
            Logger logger = Logger.getLogger(category);
            log.logs.add(logger);
            log.levelsBefore.add(logger.getLevel());
            logger.setLevel(Level.FINE);
            logger.addHandler(log.handler);
        }
        return log;
    }

    /** The statements logged so far, in order. */
    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    /** Forgets what was logged so far. */
    public void clear() {
        statements.clear();
    }

    @Override
    public void close() {
        for (int i = 0; i < logs.size(); i++) {
            logs.get(i).removeHandler(handler);
            logs.get(i).setLevel(levelsBefore.get(i));
        }
    }
}
