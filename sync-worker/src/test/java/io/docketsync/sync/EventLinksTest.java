package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.WrittenEvent;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.WrittenChanges;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How the worker's links are recorded, against the real database. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class EventLinksTest {
    @Inject
    Pool pool;
    @Inject
    WrittenChanges writtenChanges;
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);
    private final EventLinkEntity.Key key = new EventLinkEntity.Key("act-" + UUID.randomUUID(), "bob", "COPY");

    /**
     * An Outlook edit is judged from the link as read (change key K0), and a write of ours planned before the edit
     * lands on top of it and is recorded meanwhile (K2): the edit's change key is not recorded over ours, so the
     * edit's version is written back (its op names K1 and finds K2), and the write's version stays recorded.
     */
    @Test
    void anEditsChangeKeyIsNotRecordedOverAWriteOfOursRecordedSinceTheEditWasRead() throws Throwable {
        written(new WrittenEvent("evt-1", "ical-1", "K0"), 1);
        EventLinkEntity asRead = inTransaction(() -> EventLinkEntity.findById(key));
        written(new WrittenEvent("evt-1", "ical-1", "K2"), 2);

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

    /**
     * A change notification needs no judgement when it was handled already, or when its change key is one the writer
     * recorded for the event: in its link, or the moment the batch answered (before the wave recorded the link).
     * Any other change key, or another user's or firm's event of the same id, is judged.
     */
    @Test
    void aNotificationIsSkippedWhenHandledOrTheEchoOfOurWrite() throws Throwable {
        UserKey bob = UserKey.of(firm, "bob");
        written(new WrittenEvent("evt-2", "ical-2", "K1"), 1);
        assertTrue(handledOrEcho(UUID.randomUUID().toString(), bob, "evt-2", "K1"), "the link's change key");
        assertFalse(handledOrEcho(UUID.randomUUID().toString(), bob, "evt-2", "K-edited"), "a change key of Outlook");
        assertFalse(handledOrEcho(UUID.randomUUID().toString(), UserKey.of(firm, "carol"), "evt-2", "K1"),
                "another user's event");
        assertFalse(handledOrEcho(UUID.randomUUID().toString(), UserKey.of("other-" + firm, "bob"), "evt-2", "K1"),
                "another firm's bob");

        writtenChanges.remember(bob, List.of(new WrittenEvent("evt-2", "ical-2", "K2")));
        assertTrue(handledOrEcho(UUID.randomUUID().toString(), bob, "evt-2", "K2"), "answered, link not recorded yet");

        String handled = UUID.randomUUID().toString();
        assertFalse(handledOrEcho(handled, bob, "evt-2", "K-edited"));
        assertTrue(inTransaction(() -> ProcessedEvent.firstTime(handled)));
        assertTrue(handledOrEcho(handled, bob, "evt-2", "K-edited"), "handled already");
    }

    private boolean handledOrEcho(String notificationId, UserKey user, String eventId, String changeKey)
            throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> EventLinks.handledOrEcho(pool, notificationId, user,
                eventId, changeKey));
    }

    private void written(WrittenEvent event, long version) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(c -> EventLinks.written(c, key, firm,
                "bob@halemarsh.test", event, version, null)));
    }

    private static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }
}
