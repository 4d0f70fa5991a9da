package io.docketsync.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static ActivitySnapshot snapshot() {
        return new ActivitySnapshot("a1", "hale-marsh", ActivityKind.APPOINTMENT, "Deposition", "body", "Room 4",
                LocalDateTime.parse("2026-12-01T09:00"), LocalDateTime.parse("2026-12-01T10:00"), false, null, null,
                "Europe/London", List.of("alice", "bob"), "alice", "alice", true, 3, Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void envelopeIsStructuredCloudEventWithFlatExtensionAttributes() throws Exception {
        var env = EventEnvelope.of("/docketsync/activity-service", ActivityChanged.TYPE, "a1", "hale-marsh",
                Origin.office365("bob", "bob@halemarsh.test", "CK1"),
                new ActivityChanged(ActivityChanged.ChangeType.UPDATED, snapshot(), List.of("alice")));

        JsonNode json = EventCodec.mapper().readTree(EventCodec.toJson(env));

        assertEquals("1.0", json.get("specversion").asText());
        assertEquals(ActivityChanged.TYPE, json.get("type").asText());
        assertEquals("hale-marsh", json.get("firmid").asText());
        assertEquals("OFFICE365", json.get("originkind").asText());
        assertEquals("bob@halemarsh.test", json.get("originmailbox").asText());
        assertEquals("CK1", json.get("originchangekey").asText());
        assertEquals(1, json.get("schemaversion").asInt());
        // CloudEvents extension attributes must be scalars: nothing nested but data
        json.fields().forEachRemaining(f -> assertTrue(f.getKey().equals("data") || f.getValue().isValueNode(), f.getKey()));
        assertEquals("2026-12-01T09:00:00", json.at("/data/activity/start").asText());
    }

    @Test
    void roundTripKeepsPayloadAndOrigin() {
        var env = EventEnvelope.of("/x", ActivityChanged.TYPE, "a1", "hale-marsh", Origin.app("alice"),
                new ActivityChanged(ActivityChanged.ChangeType.CREATED, snapshot(), List.of()));

        EventEnvelope<ActivityChanged> back = EventCodec.fromJson(EventCodec.toJson(env), ActivityChanged.class);

        assertEquals(env.id, back.id);
        assertEquals(Origin.app("alice"), back.origin());
        assertEquals(snapshot(), back.data.activity());
    }

    /** Times are written as before (ISO_INSTANT, ISO_LOCAL_DATE_TIME) and read in every shape they were before. */
    @Test
    void timesKeepTheirTextAndEveryShapeStillReads() throws Exception {
        var env = EventEnvelope.of("/x", SyncStatusChanged.TYPE, "a1", "hale-marsh", Origin.system(),
                new SyncStatusChanged("a1", "alice", SyncState.LINKED, null, "e1", 3,
                        Instant.parse("2026-12-02T09:30:00.120Z")));
        env.time = Instant.parse("2026-12-02T09:30:01Z");
        JsonNode json = EventCodec.mapper().readTree(EventCodec.toJson(env));
        assertEquals("2026-12-02T09:30:01Z", json.get("time").asText());
        assertEquals("2026-12-02T09:30:00.120Z", json.at("/data/at").asText());

        String offset = EventCodec.toJson(env).replace("2026-12-02T09:30:00.120Z", "2026-12-02T10:30:00.12+01:00")
                .replace("\"2026-12-02T09:30:01Z\"", "1764667801");
        EventEnvelope<SyncStatusChanged> back = EventCodec.fromJson(offset, SyncStatusChanged.class);
        assertEquals(Instant.parse("2026-12-02T09:30:00.120Z"), back.data.at(), "an offset goes to the standard parser");
        assertEquals(Instant.ofEpochSecond(1764667801), back.time, "so does a number of seconds");

        String wrong = EventCodec.toJson(env).replace("2026-12-02T09:30:00.120Z", "2026-02-30T09:30:00Z");
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.fromJson(wrong, SyncStatusChanged.class),
                "an impossible date is refused as before");
        String local = EventCodec.toJson(new EventEnvelope<>()).replace("}", ",\"data\":{\"activity\":{\"start\":"
                + "\"2026-12-01T09:00\",\"end\":\"2026-12-01T10:00:00.5\"}}}");
        ActivitySnapshot a = EventCodec.fromJson(local, ActivityChanged.class).data.activity();
        assertEquals(LocalDateTime.parse("2026-12-01T09:00"), a.start());
        assertEquals(LocalDateTime.parse("2026-12-01T10:00:00.5"), a.end());
    }

    @Test
    void theTypeIsReadWithoutReadingTheWholeEvent() {
        var env = EventEnvelope.of("/x", ActivityChanged.TYPE, "a1", "hale-marsh", Origin.app("alice"),
                new ActivityChanged(ActivityChanged.ChangeType.CREATED, snapshot(), List.of()));
        assertEquals(ActivityChanged.TYPE, EventCodec.typeOf(EventCodec.toJson(env)));
        assertEquals("t", EventCodec.typeOf("{\"data\":{\"type\":\"inner\",\"x\":[1,{\"type\":2}]},\"type\":\"t\"}"));
        assertEquals(null, EventCodec.typeOf("{\"id\":\"e1\"}"));
        assertEquals(null, EventCodec.typeOf("{\"type\":7}"));
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.typeOf("[1]"));
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.typeOf("{not json"));
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\"t\",\"firmid\":\"f\","
                + "\"futurefield\":\"x\",\"data\":{\"jobId\":\"j\",\"kind\":\"PUSH_MY_CALENDAR\",\"userId\":\"u\","
                + "\"from\":\"2026-01-01\",\"added\":42}}";

        EventEnvelope<JobRequested> env = EventCodec.fromJson(json, JobRequested.class);

        assertEquals(LocalDate.parse("2026-01-01"), env.data.from());
        assertFalse(env.data.kind() == null);
    }

    @Test
    void malformedEventNamesTheExpectedType() {
        var e = assertThrows(EventCodec.MalformedEventException.class,
                () -> EventCodec.fromJson("{not json", SettingsChanged.class));
        assertTrue(e.getMessage().contains("SettingsChanged"), e.getMessage());
    }

    @Test
    void deadLetterTopicNamesFollowTheSource() {
        assertEquals("sync.mailbox-ops.v1.dlq", Topics.dlq(Topics.MAILBOX_OPS));
        assertTrue(Topics.ALL.containsAll(Topics.COMPACTED));
    }

    @Test
    void settingsWithoutWhenDeletingAndWhenEditingMeanTheSeedsRules() {
        Office365Settings old = EventCodec.mapper().convertValue(java.util.Map.of("alwaysPushAppointments", true,
                "alwaysPushTasks", false, "useOrganizerForActivities", false, "createNewFromOffice", true,
                "createNewPrefix", "CB:"), Office365Settings.class);
        assertEquals(Office365Settings.WhenDeleting.REMOVE_FROM_SCHEDULED_FOR, old.whenDeleting());
        assertEquals(Office365Settings.WhenEditing.CREATE_EDITED_COPY, old.whenEditing());
        Office365Settings restore = new Office365Settings(true, false, false, false, "",
                Office365Settings.WhenDeleting.RESTORE_EVENT, Office365Settings.WhenEditing.RESTORE_EVENT);
        assertEquals(restore, EventCodec.mapper().convertValue(EventCodec.mapper().valueToTree(restore),
                Office365Settings.class));
    }
}
