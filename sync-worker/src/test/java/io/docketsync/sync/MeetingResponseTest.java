package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.Event;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.events.item.accept.AcceptPostRequestBody;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Organizer mode: an attendee's answer in Outlook reaches the organizer's meeting and comes back as a command. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class MeetingResponseTest {
    private final String bootstrap = TestPlatform.kafka().bootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String firm = "meet-" + run;
    private final String organizer = "org-" + run;
    private final String attendee = "att-" + run;
    private final String activityId = "meet-act-" + run;

    private static String mailbox(String user) {
        return user.replace("-", "") + "@halemarsh.test";
    }

    private void send(String topic, String key, EventEnvelope<?> event) {
        TopicProbe.send(bootstrap, topic, key, EventCodec.toJson(event));
    }

    /** Organizer and attendee in one firm (edit and delete ANY), organizer mode on, both connected. */
    private List<String> organizerMode() throws Exception {
        List<String> users = List.of(organizer, attendee);
        for (String u : users) {
            SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox(u) + "\",\"displayName\":\"" + u + "\"}");
        }
        send(Topics.SETTINGS_CHANGES, firm, EventEnvelope.of("/test", SettingsChanged.TYPE, firm, firm, Origin.system(),
                new SettingsChanged(firm, new Office365Settings(true, false, true, false, ""), users.stream()
                        .map(u -> new FirmUser(u, u, mailbox(u), false, Permission.ANY, Permission.ANY, true))
                        .toList(), 1)));
        for (String u : users) {
            send(Topics.CONNECTIONS, u, EventEnvelope.of("/test", ConnectionChanged.TYPE, u, firm, Origin.system(),
                    new ConnectionChanged(u, firm, ConnectionState.CONNECTED, mailbox(u), Instant.now(), null)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                    .get("/sync/firms/" + firm + "/mailboxes/" + u).then().statusCode(200).body("state", Matchers.equalTo("CONNECTED")));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm + "/office365-settings").then().statusCode(200)
                .body("useOrganizerForActivities", Matchers.equalTo(true)));
        return users;
    }

    @Test
    void anAttendeesAcceptanceBecomesTheirResponseStatus() throws Exception {
        List<String> users = organizerMode();

        LocalDateTime start = LocalDateTime.now().plusDays(4).withHour(10).withMinute(0).withSecond(0).withNano(0);
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, "Case meeting " + run, null,
                null, start, start.plusHours(1), false, null, null, "Europe/London", users, organizer, organizer, true, 1,
                Instant.now());
        send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                Origin.app(organizer), new ActivityChanged(ActivityChanged.ChangeType.CREATED, activity, List.of())));
        TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("\"LINKED\"")));

        // the attendee accepts the invitation in Outlook; Exchange records it on the organizer's meeting
        GraphServiceClient asAttendee = graphAs(attendee);
        Event invitation = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> asAttendee.users()
                .byUserId(mailbox(attendee)).events().get().getValue().stream()
                .filter(e -> ("Case meeting " + run).equals(e.getSubject())).findFirst().orElse(null), e -> e != null);
        AcceptPostRequestBody accept = new AcceptPostRequestBody();
        accept.setSendResponse(true);
        asAttendee.users().byUserId(mailbox(attendee)).events().byEventId(invitation.getId()).accept().post(accept);

        // the change notification of the organizer's mailbox, as connector-service would publish it
        String meetingId = graphAs(organizer).users().byUserId(mailbox(organizer)).events().get().getValue().stream()
                .filter(e -> ("Case meeting " + run).equals(e.getSubject())).findFirst().orElseThrow().getId();
        send(Topics.GRAPH_NOTIFICATIONS, organizer, EventEnvelope.of("/test", GraphNotification.TYPE, organizer, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, organizer, firm,
                        mailbox(organizer), "sub-" + run, "updated", null, "Users/x/Events/" + meetingId, meetingId,
                        null, Instant.now())));

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("SET_RESPONSE_STATUS")));
        List<ActivityCommand> responses = records.stream().filter(r -> activityId.equals(r.key()))
                .map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.SET_RESPONSE_STATUS).toList();
        assertEquals(1, responses.size(), responses.toString());
        assertEquals(attendee, responses.get(0).userId());
        assertEquals("accepted", responses.get(0).responseStatus());
        assertTrue(responses.stream().noneMatch(c -> organizer.equals(c.userId())), "the organizer answers nothing");
    }

    /**
     * A recurring activity in organizer mode is one series meeting: its exceptions reach the attendee's copy through
     * the organizer's writes, the attendee's answer to the series becomes their response status, and their decline of
     * one occurrence is theirs only (no exception of the activity, no new status for the series).
     */
    @Test
    void aSeriesMeetingCarriesItsExceptionsToAttendeesAndTheirAnswerToTheSeries() throws Exception {
        List<String> users = organizerMode();
        java.time.LocalDate monday = java.time.LocalDate.now().plusDays(7)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        LocalDateTime first = monday.atTime(10, 0);
        var weekly = new io.docketsync.contracts.recurrence.Recurrence(
                io.docketsync.contracts.recurrence.Pattern.weekly(1, java.time.DayOfWeek.MONDAY),
                io.docketsync.contracts.recurrence.Range.numbered(monday, 4));
        var moved = io.docketsync.contracts.recurrence.RecurrenceException.moved(first.plusWeeks(1),
                first.plusWeeks(1).withHour(15), first.plusWeeks(1).withHour(16));
        String subject = "Weekly case meeting " + run;
        sendSeries(1, subject, users, first, weekly, List.of(moved));
        TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("\"LINKED\"")));

        GraphServiceClient asAttendee = graphAs(attendee);
        Event invitation = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> asAttendee.users()
                .byUserId(mailbox(attendee)).events().get().getValue().stream()
                .filter(e -> subject.equals(e.getSubject())).findFirst().orElse(null), e -> e != null);
        assertEquals("seriesMaster", invitation.getType().getValue(), "one series invitation");
        assertEquals(List.of(10, 15, 10, 10), hours(occurrences(asAttendee, attendee, invitation.getId(), monday)),
                "the exception the organizer's series carries reaches the attendee's copy");

        // the attendee accepts the series, then declines its third occurrence
        AcceptPostRequestBody accept = new AcceptPostRequestBody();
        accept.setSendResponse(true);
        asAttendee.users().byUserId(mailbox(attendee)).events().byEventId(invitation.getId()).accept().post(accept);
        Event third = occurrences(asAttendee, attendee, invitation.getId(), monday).get(2);
        var decline = new com.microsoft.graph.users.item.events.item.decline.DeclinePostRequestBody();
        decline.setSendResponse(true);
        asAttendee.users().byUserId(mailbox(attendee)).events().byEventId(third.getId()).decline().post(decline);

        String meetingId = graphAs(organizer).users().byUserId(mailbox(organizer)).events().get().getValue().stream()
                .filter(e -> subject.equals(e.getSubject())).findFirst().orElseThrow().getId();
        notifyChanged(organizer, meetingId);
        notifyChanged(attendee, invitation.getId());
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("SET_RESPONSE_STATUS")));
        var settled = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(5), r -> false);
        List<ActivityCommand> commands = java.util.stream.Stream.concat(records.stream(), settled.stream())
                .filter(r -> activityId.equals(r.key()))
                .map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data).distinct().toList();
        List<String> answers = commands.stream().filter(c -> c.type() == ActivityCommand.Type.SET_RESPONSE_STATUS)
                .map(c -> c.userId() + ":" + c.responseStatus()).distinct().toList();
        assertEquals(List.of(attendee + ":accepted"), answers, "the series' answer, not the one occurrence's");
        assertTrue(commands.stream().noneMatch(c -> c.type() == ActivityCommand.Type.SET_OCCURRENCE
                || c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE), "a decline is no exception: " + commands);

        // version 2: the last occurrence cancelled in the app: the organizer's series cancels it for the attendee
        sendSeries(2, subject, users, first, weekly, List.of(moved,
                io.docketsync.contracts.recurrence.RecurrenceException.cancelled(first.plusWeeks(3))));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Event> copy = occurrences(asAttendee, attendee, invitation.getId(), monday);
            Event last = copy.stream().filter(e -> e.getStart().getDateTime().startsWith(first.plusWeeks(3).toLocalDate()
                    .toString())).findFirst().orElse(null);
            assertTrue(last == null || Boolean.TRUE.equals(last.getIsCancelled()),
                    "the attendee's last occurrence is cancelled: " + copy.stream().map(e -> e.getStart().getDateTime()
                            + (Boolean.TRUE.equals(e.getIsCancelled()) ? " cancelled" : "")).toList());
        });
    }

    private void sendSeries(long version, String subject, List<String> users, LocalDateTime first,
            io.docketsync.contracts.recurrence.Recurrence recurrence,
            List<io.docketsync.contracts.recurrence.RecurrenceException> exceptions) {
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, subject, null, null, first,
                first.plusHours(1), false, null, null, "Europe/London", users, organizer, organizer, true, version,
                Instant.now(), recurrence, exceptions);
        send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                Origin.app(organizer), new ActivityChanged(version == 1 ? ActivityChanged.ChangeType.CREATED
                        : ActivityChanged.ChangeType.UPDATED, activity, List.of())));
    }

    /** The change notification connector-service would publish for the user's event (a series: its master). */
    private void notifyChanged(String user, String eventId) {
        send(Topics.GRAPH_NOTIFICATIONS, user, EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, user, firm, mailbox(user),
                        "sub-" + run, "updated", null, "Users/x/Events/" + eventId, eventId, null, Instant.now())));
    }

    /** The series' occurrences in the user's calendar over six weeks from {@code from}, London times, by start. */
    private static List<Event> occurrences(GraphServiceClient graph, String user, String seriesId,
            java.time.LocalDate from) {
        return graph.users().byUserId(mailbox(user)).events().byEventId(seriesId).instances().get(rc -> {
            rc.queryParameters.startDateTime = from.minusDays(1) + "T00:00:00Z";
            rc.queryParameters.endDateTime = from.plusWeeks(6) + "T00:00:00Z";
            rc.headers.add("Prefer", "outlook.timezone=\"Europe/London\"");
        }).getValue().stream().sorted((a, b) -> a.getStart().getDateTime().compareTo(b.getStart().getDateTime()))
                .toList();
    }

    private static List<Integer> hours(List<Event> events) {
        return events.stream().map(e -> LocalDateTime.parse(e.getStart().getDateTime().substring(0, 19)).getHour())
                .toList();
    }

    private GraphServiceClient graphAs(String user) throws Exception {
        return SimulatorTestResource.graphAs(mailbox(user));
    }

}
