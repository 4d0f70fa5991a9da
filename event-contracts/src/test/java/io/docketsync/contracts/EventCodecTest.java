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
