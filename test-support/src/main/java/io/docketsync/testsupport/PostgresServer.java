package io.docketsync.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server: the one named by {@code DOCKETSYNC_PG_URL} (a JDBC URL of a server whose
 * user may create databases, with {@code DOCKETSYNC_PG_USER} / {@code DOCKETSYNC_PG_PASSWORD}), else a
 * Testcontainers one when a Docker engine is reachable, else embedded binaries from Maven Central.
 */
public final class PostgresServer implements AutoCloseable {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String kind;
    private final AutoCloseable owned;

    private PostgresServer(String host, int port, String user, String password, String kind, AutoCloseable owned) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.kind = kind;
        this.owned = owned;
    }

    public static PostgresServer start(Path dataDirectory, int port) {
        String external = System.getenv("DOCKETSYNC_PG_URL");
        if (external != null && !external.isBlank()) {
            return external(external);
        }
        if (Docker.available()) {
            @SuppressWarnings("resource")
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                    container.getPassword(), "testcontainers", container::stop);
        }
        return embedded(dataDirectory, port);
    }

    /** Embedded PostgreSQL 17; {@code dataDirectory} null means a fresh temporary one, {@code port} 0 a free port. */
    public static PostgresServer embedded(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer("localhost", pg.getPort(), "postgres", "postgres", "embedded", pg);
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static PostgresServer external(String jdbcUrl) {
        var uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
        return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                envOr("DOCKETSYNC_PG_USER", "postgres"), envOr("DOCKETSYNC_PG_PASSWORD", "postgres"), "external", null);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Creates the database when it does not exist yet, and answers its JDBC URL. */
    public String ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a safe database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String kind() {
        return kind;
    }

    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PostgreSQL (%s) at %s:%d", kind, host, port);
    }

    static final class Docker {
        private static Boolean available;

        static synchronized boolean available() {
            if (available == null) {
                try {
                    available = DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    available = false;
                }
            }
            return available;
        }
    }
}
