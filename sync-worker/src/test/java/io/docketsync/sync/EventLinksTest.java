package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.sync.domain.WrittenEvent;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How the worker's links are recorded, against the real database. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class EventLinksTest {
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);
    private final EventLinkEntity.Key key = new EventLinkEntity.Key("act-" + UUID.randomUUID(), "bob", "COPY");

    /**
     * An Outlook edit is judged from the link as read (change key K0), and a write of ours planned before the edit
     * lands on top of it and is recorded meanwhile (K2): the edit's change key is not recorded over ours, so the
     * edit's version is written back (its op names K1 and finds K2), and the write's version stays recorded.
     */
    @Test
    void anEditsChangeKeyIsNotRecordedOverAWriteOfOursRecordedSinceTheEditWasRead() throws Throwable {
        inTransaction(() -> EventLinks.written(key, firm, "bob@halemarsh.test", new WrittenEvent("evt-1", "ical-1",
                "K0"), 1, null));
        EventLinkEntity asRead = inTransaction(() -> EventLinkEntity.findById(key));
        inTransaction(() -> EventLinks.written(key, firm, "bob@halemarsh.test", new WrittenEvent("evt-1", "ical-1",
                "K2"), 2, null));

        assertFalse(inTransaction(() -> EventLinks.recordChangeKey(key, asRead.changeKey, "K1")));
        EventLinkEntity now = inTransaction(() -> EventLinkEntity.findById(key));
        assertEquals("K2", now.changeKey);
        assertEquals(2, now.pushedVersion);

        // nothing recorded in between: the edit's change key is recorded, and only that
        assertTrue(inTransaction(() -> EventLinks.recordChangeKey(key, "K2", "K3")));
        EventLinkEntity after = inTransaction(() -> EventLinkEntity.findById(key));
        assertEquals("K3", after.changeKey);
        assertEquals(2, after.pushedVersion);
    }

    private static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }
}
