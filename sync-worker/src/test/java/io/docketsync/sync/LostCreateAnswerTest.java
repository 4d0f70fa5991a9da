package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.Topics;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.graph.GraphCalendarClient;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A create whose answer was lost (the worker died after Graph made the event, or Kafka went away before the op was
 * acknowledged) is written again with the same transactionId, and Graph answers with the event the first attempt
 * made. When the user edited that event in Outlook meanwhile, the edit is judged (here: it updates the activity), not
 * taken for our write's echo.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class LostCreateAnswerTest {
    private final WorkerMailbox box = new WorkerMailbox("lost");
    private final String activityId = "lost-act-" + box.run;

    @Test
    void anEventEditedInOutlookBeforeOurRetriedCreateWasRecordedUpdatesTheActivity() throws Exception {
        var graph = box.connect(new Office365Settings(true, false, false, false, ""), Permission.ANY, Permission.ANY);
        LocalDateTime start = LocalDate.now().plusDays(5).atTime(9, 0);
        // what the create's first attempt left in Graph, and the user's edit of it since
        MailboxOp firstAttempt = new MailboxOp("op", MailboxOp.OpType.CREATE, box.user, box.mailbox, activityId, 1,
                null, null, null, null, MailboxOp.LinkRole.COPY);
        Event made = new Event();
        made.setTransactionId(StableIds.transactionId(firstAttempt));
        made.setSubject("Hearing " + box.run + " (moved in Outlook)");
        made.setStart(WorkerMailbox.london(start.plusHours(2)));
        made.setEnd(WorkerMailbox.london(start.plusHours(3)));
        SingleValueLegacyExtendedProperty stamp = new SingleValueLegacyExtendedProperty();
        stamp.setId(GraphCalendarClient.ACTIVITY_PROPERTY_ID);
        stamp.setValue(activityId + ":1");
        made.setSingleValueExtendedProperties(List.of(stamp));
        graph.users().byUserId(box.mailbox).events().post(made);

        var activity = new ActivitySnapshot(activityId, box.firm, ActivityKind.APPOINTMENT, "Hearing " + box.run, null,
                null, start, start.plusHours(1), false, null, null, "Europe/London", List.of(box.user), null, box.user,
                true, 1, Instant.now());
        box.send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId,
                box.firm, Origin.app(box.user), new ActivityChanged(ActivityChanged.ChangeType.CREATED, activity,
                        List.of())));

        var records = TopicProbe.readUntil(box.bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r
                .stream().anyMatch(x -> activityId.equals(x.key()) && x.value().contains("UPDATE_FIELDS")));
        ActivityCommand update = records.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.UPDATE_FIELDS).findFirst().orElseThrow();
        assertEquals("Hearing " + box.run + " (moved in Outlook)", update.fields().subject());
        assertEquals(box.user, update.userId());
    }
}
