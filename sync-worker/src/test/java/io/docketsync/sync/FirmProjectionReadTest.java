package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Permission;
import io.docketsync.outbox.Sql;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The plan stage and the inbound path read their firm for every change: the firm's text comes again only when its row
 * changed since this worker read it, against the real database.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class FirmProjectionReadTest {
    private static final FirmUser ALICE = new FirmUser("alice", "Alice", "alice@halemarsh.test", true, null, null, true);
    private static final FirmUser BOB = new FirmUser("bob", "Bob", "bob@halemarsh.test", false, null, null, true);
    private static final FirmUser DANA = new FirmUser("dana", "Dana", "dana@halemarsh.test", false, Permission.OWN,
            Permission.NONE, true);

    @Inject
    Pool pool;
    @Inject
    Mutiny.SessionFactory sessions;
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theFirmIsReadAgainOnlyWhenItsRowChanged() throws Throwable {
        assertNull(read(), "a firm not projected yet");

        sql("INSERT INTO firm_projection (firm_id, version, settings, users) VALUES ($1, 1, $2, $3)",
                Tuple.of(firm, EventCodec.toJson(Office365Settings.defaults()), EventCodec.toJson(List.of(ALICE))));
        FirmProjection first = read();
        assertEquals(1, first.version);
        assertEquals("alice@halemarsh.test", first.emails().get("alice"));
        assertSame(first, read(), "the row has not changed: the firm read before");

        sql("UPDATE firm_projection SET version = 2, users = $2 WHERE firm_id = $1",
                Tuple.of(firm, EventCodec.toJson(List.of(ALICE, BOB))));
        FirmProjection second = read();
        assertNotSame(first, second);
        assertEquals(2, second.version);
        assertEquals("bob@halemarsh.test", second.emails().get("bob"));
        assertSame(second, read());

        // a row written again at the same version (a replayed settings event) is still read anew
        sql("UPDATE firm_projection SET users = $2 WHERE firm_id = $1", Tuple.of(firm, EventCodec.toJson(List.of(BOB))));
        FirmProjection third = read();
        assertNotSame(second, third);
        assertNull(third.emails().get("alice"));
    }

    /** The inbound path reads the firm on its Hibernate session's connection: the same firm, the same rules. */
    @Test
    void aSessionReadsTheSameFirm() throws Throwable {
        assertNull(readInSession(), "a firm not projected yet");
        Instant since = Instant.parse("2026-11-30T09:15:42.123456Z");
        sql("INSERT INTO firm_projection (firm_id, version, settings, users, create_new_since) VALUES ($1, 3, $2, $3,"
                + " $4)", Tuple.of(firm, EventCodec.toJson(Office365Settings.defaults()),
                        EventCodec.toJson(List.of(ALICE, DANA)), since.atOffset(ZoneOffset.UTC)));

        FirmProjection inSession = readInSession();
        assertEquals(3, inSession.version);
        assertEquals(since, inSession.createNewSince, "to the microsecond");
        assertSame(inSession, read(), "either way, the row has not changed");
        assertSame(inSession, readInSession());
        assertEquals(since, read().createNewSince);

        assertEquals(Permission.OWN, inSession.user("dana").edit());
        assertEquals(ALICE, inSession.user("alice"));
        assertNull(inSession.user("carol"));
        assertEquals("dana", inSession.userIdsByEmail().get("dana@halemarsh.test"));

        sql("UPDATE firm_projection SET users = $2, create_new_since = NULL WHERE firm_id = $1",
                Tuple.of(firm, EventCodec.toJson(List.of(ALICE))));
        FirmProjection changed = readInSession();
        assertNotSame(inSession, changed);
        assertNull(changed.createNewSince);
        assertNull(changed.user("dana"), "the list of users read anew");
        assertNull(changed.userIdsByEmail().get("dana@halemarsh.test"));
    }

    private FirmProjection read() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> FirmProjection.read(pool, firm));
    }

    /**
     * The session's read is planned once: a native select's plan was cached under a key never equal to the next
     * one's, so each execution was planned again and piled up in the cache.
     */
    @Test
    void theSessionsReadIsPlannedOnce() throws Throwable {
        sql("INSERT INTO firm_projection (firm_id, version, settings, users) VALUES ($1, 1, $2, $3)",
                Tuple.of(firm, EventCodec.toJson(Office365Settings.defaults()), EventCodec.toJson(List.of(ALICE))));
        readInSession(); // planned here, if no other test planned it first
        Statistics statistics = sessions.getStatistics();
        boolean enabled = statistics.isStatisticsEnabled();
        statistics.setStatisticsEnabled(true);
        try {
            statistics.clear();
            for (int i = 0; i < 20; i++) {
                readInSession();
            }
            assertEquals(0, statistics.getQueryPlanCacheMissCount(), "plans made again");
            assertTrue(statistics.getQueryPlanCacheHitCount() >= 20, "each read found its plan in the cache");
        } finally {
            statistics.setStatisticsEnabled(enabled);
        }
    }

    private FirmProjection readInSession() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> FirmProjection.read(firm)));
    }

    private void sql(String statement, Tuple arguments) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Sql.execute(pool, statement, arguments));
    }
}
