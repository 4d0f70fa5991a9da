package io.docketsync.sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Location;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.NativeResponseHandler;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.ParseNode;
import com.microsoft.kiota.serialization.ParseNodeFactoryRegistry;
import io.docketsync.contracts.EventContent;
import io.docketsync.graph.GraphClientFactory;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.domain.DeltaRound;
import io.docketsync.sync.domain.GraphWriteException;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.ReadEvent;
import io.docketsync.sync.domain.SeriesView;
import io.docketsync.sync.domain.WriteOutcome;
import io.docketsync.sync.domain.WrittenEvent;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes events to one mailbox through the Microsoft Graph SDK (blocking: call it off the event loop). The base
 * URL is configurable so the same code talks to the simulator or to graph.microsoft.com.
 */
@ApplicationScoped
public class GraphCalendarClient {
    /** A named extended property on every event we create, naming the activity (and so recognisable later). */
    public static final String ACTIVITY_PROPERTY_ID =
            "String {4b2f7c1e-9a0d-4c55-8d1e-6f7a2b9c3d10} Name docketsyncActivity";
    /** Graph's limit of requests per {@code $batch}. */
    public static final int MAX_BATCH = 20;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    /** Ids that survive a move between folders (graph/outlook-immutable-id): asked for on every request. */
    static final String IMMUTABLE_IDS = "IdType=\"ImmutableId\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphClientFactory factory;

    /** The SDK's own retries are off: the writer waits out throttling itself, per mailbox, within its patience. */
    @Inject
    public GraphCalendarClient(SyncConfig config) {
        this(config.graphBaseUrl());
    }

    public GraphCalendarClient(String baseUrl) {
        this.factory = new GraphClientFactory(GraphClientFactory.Settings.of(baseUrl).withoutSdkRetries());
    }

    public WrittenEvent create(String mailbox, String accessToken, String transactionId, String activityRef,
            EventContent content) {
        Event event = newEvent(transactionId, activityRef, content);
        return call(() -> created(client(accessToken).users().byUserId(mailbox).events().post(event,
                rc -> rc.headers.add("Prefer", IMMUTABLE_IDS)), content));
    }

    private static Event newEvent(String transactionId, String activityRef, EventContent content) {
        Event event = stamped(activityRef, content);
        event.setTransactionId(transactionId);
        return event;
    }

    /** The content with our property naming the activity and the version written, so its echo is recognisable. */
    private static Event stamped(String activityRef, EventContent content) {
        Event event = toEvent(content);
        SingleValueLegacyExtendedProperty property = new SingleValueLegacyExtendedProperty();
        property.setId(ACTIVITY_PROPERTY_ID);
        property.setValue(activityRef);
        event.setSingleValueExtendedProperties(List.of(property));
        return event;
    }

    /**
     * Up to 20 writes in one {@code $batch} request; an answer per write, in order. A failure of the batch request
     * itself (throttled as a whole, unreachable) is thrown; each inner failure is that write's answer, with Graph's
     * code, message and Retry-After.
     */
    public List<WriteOutcome> batch(String accessToken, List<CalendarWrite> writes) {
        if (writes.size() > MAX_BATCH) {
            throw new IllegalArgumentException("Graph takes at most " + MAX_BATCH + " requests per $batch");
        }
        GraphServiceClient client = client(accessToken);
        BatchRequestContent batch = new BatchRequestContent(client);
        List<String> stepIds = new ArrayList<>();
        for (CalendarWrite w : writes) {
            var events = client.users().byUserId(w.mailbox()).events();
            RequestInformation request = switch (w.kind()) {
                case CREATE -> events.toPostRequestInformation(newEvent(w.transactionId(), w.activityRef(), w.content()));
                case UPDATE -> events.byEventId(w.eventId()).toPatchRequestInformation(stamped(w.activityRef(),
                        w.content()));
                case DELETE -> events.byEventId(w.eventId()).toDeleteRequestInformation();
            };
            request.headers.add("Prefer", IMMUTABLE_IDS);
            stepIds.add(batch.addBatchRequestStep(request));
        }
        Map<String, BatchAnswer> answers = call(() -> send(client, batch));
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            CalendarWrite w = writes.get(i);
            String step = stepIds.get(i);
            BatchAnswer answer = answers.get(step);
            if (answer == null) {
                outcomes.add(WriteOutcome.failed(new GraphWriteException(0, "NoAnswer",
                        "the $batch answer had no response for request " + step, Duration.ofSeconds(1), null)));
            } else if (answer.status() / 100 == 2) {
                Event event = w.kind() == CalendarWrite.Kind.DELETE || answer.body() == null ? null
                        : answered(answer.body());
                outcomes.add(WriteOutcome.ok(event == null ? null : w.kind() == CalendarWrite.Kind.CREATE
                        ? created(event, w.content()) : written(event)));
            } else if (answer.status() == 404 && w.kind() == CalendarWrite.Kind.DELETE) {
                outcomes.add(WriteOutcome.ok(null)); // already gone: the calendar holds what we want
            } else {
                outcomes.add(WriteOutcome.failed(failure(answer.status(), answer.errorCode(), answer.errorMessage(),
                        answer.header("Retry-After"))));
            }
        }
        return outcomes;
    }

    /**
     * The $batch request itself. The SDK hands back whatever Graph answered; a refusal of the whole batch (401 for a
     * token that expired or was revoked, 429, 5xx) is thrown here with its status, code and Retry-After, so the
     * writer refreshes the token or waits, instead of reading it as a batch without answers.
     */
    private static Map<String, BatchAnswer> send(GraphServiceClient client, BatchRequestContent batch) {
        okhttp3.Response response;
        try {
            RequestInformation request = client.getBatchRequestBuilder().toPostRequestInformation(batch);
            NativeResponseHandler handler = new NativeResponseHandler();
            request.setResponseHandler(handler);
            client.getRequestAdapter().sendPrimitive(request, new java.util.HashMap<>(), java.io.InputStream.class);
            response = (okhttp3.Response) handler.getValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (response) {
            if (!response.isSuccessful()) {
                throw refusal(response.code(), response);
            }
            if (response.body() == null) {
                return Map.of();
            }
            // parsed once, with the parse nodes the SDK registered for JSON; each answer's event is read from its node
            return BatchAnswer.byId(ParseNodeFactoryRegistry.defaultInstance
                    .getParseNode("application/json", response.body().byteStream()));
        }
    }

    /** Graph's {"error":{"code","message"}} and Retry-After of a refused $batch request. */
    private static GraphWriteException refusal(int status, okhttp3.Response response) {
        String code = null;
        String message = "HTTP " + status;
        try {
            if (response.body() != null) {
                JsonNode error = JSON.readTree(response.body().string()).path("error");
                code = error.path("code").asText(null);
                message = error.path("message").asText(message);
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // keep the status as the reason
        }
        return failure(status, code, message, response.header("Retry-After"));
    }

    /** A refusal with Graph's code and message; without a Retry-After, 10 s for throttling and 5 s otherwise. */
    private static GraphWriteException failure(int status, String code, String message, String retryAfterHeader) {
        Duration retryAfter = seconds(retryAfterHeader);
        if (retryAfter == null) {
            retryAfter = Duration.ofSeconds(status == 429 ? 10 : 5);
        }
        return new GraphWriteException(status, code, message == null ? "HTTP " + status : message, retryAfter, null);
    }

    public WrittenEvent update(String mailbox, String accessToken, String eventId, EventContent content) {
        return call(() -> written(client(accessToken).users().byUserId(mailbox).events().byEventId(eventId)
                .patch(toEvent(content), rc -> rc.headers.add("Prefer", IMMUTABLE_IDS))));
    }

    /** The event as the mailbox holds it now, times in UTC; null when it no longer exists. */
    public OfficeEvent read(String mailbox, String accessToken, String eventId) {
        ReadEvent r = readWithAnswers(mailbox, accessToken, eventId);
        return r == null ? null : r.event();
    }

    /** As {@link #read}, with the attendees' answers; null when the event no longer exists. */
    public ReadEvent readWithAnswers(String mailbox, String accessToken, String eventId) {
        try {
            Event e = call(() -> client(accessToken).users().byUserId(mailbox).events().byEventId(eventId)
                    .get(rc -> {
                        prefersForReads(rc.headers);
                        rc.queryParameters.expand = new String[] {
                            "singleValueExtendedProperties($filter=id eq '" + ACTIVITY_PROPERTY_ID + "')"};
                    }));
            Map<String, String> answers = new java.util.LinkedHashMap<>();
            if (e.getAttendees() != null) {
                for (Attendee a : e.getAttendees()) {
                    if (a.getEmailAddress() != null && a.getEmailAddress().getAddress() != null && a.getStatus() != null
                            && a.getStatus().getResponse() != null) {
                        answers.put(a.getEmailAddress().getAddress(), a.getStatus().getResponse().getValue());
                    }
                }
            }
            return new ReadEvent(toOfficeEvent(e), answers);
        } catch (GraphWriteException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Every event of the mailbox between the two days (start of `from` to end of `to`, UTC), following pages. */
    public List<OfficeEvent> calendarView(String mailbox, String accessToken, java.time.LocalDate from,
            java.time.LocalDate to) {
        GraphServiceClient client = client(accessToken);
        var view = client.users().byUserId(mailbox).calendarView();
        List<OfficeEvent> events = new ArrayList<>();
        var page = call(() -> view.get(rc -> {
            rc.queryParameters.startDateTime = from.atStartOfDay() + "Z";
            rc.queryParameters.endDateTime = to.plusDays(1).atStartOfDay() + "Z";
            rc.queryParameters.top = 100;
            // our property tells our own events (Push my calendar links them instead of making them twice)
            rc.queryParameters.expand = new String[] {
                "singleValueExtendedProperties($filter=id eq '" + ACTIVITY_PROPERTY_ID + "')"};
            prefersForReads(rc.headers);
        }));
        while (page != null) {
            page.getValue().forEach(e -> events.add(toOfficeEvent(e)));
            String next = page.getOdataNextLink();
            page = next == null ? null : call(() -> view.withUrl(next)
                    .get(rc -> prefersForReads(rc.headers)));
        }
        return events;
    }

    /**
     * The mailbox's calendarView delta: from the stored link, or (null) a baseline of the window, following pages.
     * A stale link answers 410 (SyncStateNotFound): the caller starts a new baseline.
     */
    public DeltaRound delta(String mailbox, String accessToken, String deltaLink, java.time.LocalDate from,
            java.time.LocalDate to, boolean baseline) {
        var delta = client(accessToken).users().byUserId(mailbox).calendarView().delta();
        List<OfficeEvent> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        var page = call(() -> deltaLink != null
                ? delta.withUrl(deltaLink).get(rc -> prefersForReads(rc.headers))
                : delta.get(rc -> {
                    rc.queryParameters.startDateTime = from.atStartOfDay() + "Z";
                    rc.queryParameters.endDateTime = to.plusDays(1).atStartOfDay() + "Z";
                    prefersForReads(rc.headers);
                }));
        String next = null;
        while (page != null) {
            for (Event e : page.getValue()) {
                if (e.getAdditionalData() != null && e.getAdditionalData().containsKey("@removed")) {
                    removed.add(e.getId());
                } else {
                    changed.add(toOfficeEvent(e));
                }
            }
            next = page.getOdataDeltaLink();
            String more = page.getOdataNextLink();
            page = more == null ? null : call(() -> delta.withUrl(more)
                    .get(rc -> prefersForReads(rc.headers)));
        }
        return new DeltaRound(changed, removed, next, baseline);
    }

    static OfficeEvent toOfficeEvent(Event e) {
        return new OfficeEvent(e.getId(), e.getICalUId(), e.getChangeKey(),
                e.getCreatedDateTime() == null ? null : e.getCreatedDateTime().toInstant(),
                e.getLastModifiedDateTime() == null ? null : e.getLastModifiedDateTime().toInstant(),
                Boolean.TRUE.equals(e.getIsOrganizer()), Boolean.TRUE.equals(e.getIsCancelled()), e.getSubject(),
                e.getBody() == null ? null : io.docketsync.sync.domain.HtmlBodies.asText(
                        e.getBody().getContentType() == null ? null : e.getBody().getContentType().getValue(),
                        e.getBody().getContent()),
                e.getLocation() == null ? null : e.getLocation().getDisplayName(), local(e.getStart()), local(e.getEnd()),
                Boolean.TRUE.equals(e.getIsAllDay()), "UTC", stamp(e),
                io.docketsync.sync.domain.EventZones.toIana(e.getOriginalStartTimeZone()), series(e));
    }

    /** How the event belongs to a series (Graph's type, seriesMasterId, originalStart, recurrence), null if single. */
    private static OfficeEvent.Series series(Event e) {
        String type = e.getType() == null ? null : e.getType().getValue();
        if (type == null || type.equals("singleInstance")) {
            return null;
        }
        Recurrence recurrence = GraphRecurrence.fromGraph(e.getRecurrence());
        if (recurrence != null && recurrence.range().recurrenceTimeZone() != null) {
            recurrence = new Recurrence(recurrence.pattern(), recurrence.range().withRecurrenceTimeZone(
                    io.docketsync.sync.domain.EventZones.toIana(recurrence.range().recurrenceTimeZone())));
        }
        return new OfficeEvent.Series(type, e.getSeriesMasterId(),
                e.getOriginalStart() == null ? null : e.getOriginalStart().toInstant(), recurrence);
    }

    /** The occurrences and exceptions of a series between two instants (UTC times), following pages. */
    public List<OfficeEvent> instances(String mailbox, String accessToken, String masterId, java.time.Instant from,
            java.time.Instant to) {
        var instances = client(accessToken).users().byUserId(mailbox).events().byEventId(masterId).instances();
        List<OfficeEvent> events = new ArrayList<>();
        var page = call(() -> instances.get(rc -> {
            rc.queryParameters.startDateTime = from.toString();
            rc.queryParameters.endDateTime = to.toString();
            prefersForReads(rc.headers);
        }));
        while (page != null) {
            page.getValue().forEach(e -> events.add(toOfficeEvent(e)));
            String next = page.getOdataNextLink();
            page = next == null ? null : call(() -> instances.withUrl(next).get(rc -> prefersForReads(rc.headers)));
        }
        return events;
    }

    /**
     * Makes a series' occurrences show what the activity says (SeriesView): an occurrence shown otherwise (an
     * exception of the activity not written yet, or a change the user may not make) is written back, one the activity
     * cancelled is deleted; matched by original start, never by position. Over the sync window ({@code from}-{@code
     * to}); idempotent. Answers the series as it is afterwards (its change key moves with its occurrences), marked
     * changed in Outlook when an occurrence was deleted there or had to be put back (shown changed from the pattern
     * there, and changed again by this write): the change key is read after those requests, not with them, so it
     * may already carry a change the user made in between (their next move of the occurrence just put back), which
     * must not be taken for our echo. The series is judged again instead.
     */
    public WrittenEvent showAsActivity(String mailbox, String accessToken, WrittenEvent master, EventContent content,
            java.time.LocalDate from, java.time.LocalDate to) {
        if (content.recurrence() == null) {
            return master;
        }
        java.time.ZoneId zone = java.time.ZoneId.of(content.timeZone() == null ? "UTC" : content.timeZone());
        List<OfficeEvent> instances;
        try {
            instances = instances(mailbox, accessToken, master.eventId(),
                    from.minusDays(7).atStartOfDay(zone).toInstant(), to.plusDays(8).atStartOfDay(zone).toInstant());
        } catch (GraphWriteException e) {
            if (e.status() != 404) {
                throw e;
            }
            return master; // the series was deleted in Outlook right after our write (see below)
        }
        List<SeriesView.Difference> differences = SeriesView.differences(content, instances, from, to);
        if (differences.isEmpty()) {
            return master;
        }
        // an occurrence deleted in Outlook cannot be made again in its series: the deletion is the user's to judge
        boolean deletedThere = differences.stream().anyMatch(d -> d instanceof SeriesView.Missing);
        // an occurrence Outlook shows changed from the series' pattern (the user's change, or an older version's
        // exception) that this write changes again; one only the pattern placed is our exception written first
        java.util.Set<java.time.LocalDateTime> changedThere = SeriesView.differences(new EventContent(content.subject(),
                content.body(), content.location(), content.start(), content.end(), content.allDay(),
                content.timeZone(), content.attendeeEmails(), content.recurrence(), List.of()), instances, from, to)
                .stream().filter(d -> d instanceof SeriesView.Changed).map(SeriesView.Difference::originalStart)
                .collect(java.util.stream.Collectors.toSet());
        boolean putBack = differences.stream().anyMatch(d -> d instanceof SeriesView.Changed c
                && changedThere.contains(c.originalStart()));
        var events = client(accessToken).users().byUserId(mailbox).events();
        for (SeriesView.Difference d : differences) {
            if (d instanceof SeriesView.Extra extra) {
                try {
                    call(() -> {
                        events.byEventId(extra.eventId()).delete(rc -> rc.headers.add("Prefer", IMMUTABLE_IDS));
                        return null;
                    });
                } catch (GraphWriteException e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                }
            } else if (d instanceof SeriesView.Changed changed) {
                SeriesView.Shown wanted = changed.wanted();
                Event change = new Event();
                change.setSubject(wanted.subject());
                ItemBody body = new ItemBody();
                body.setContentType(BodyType.Text);
                body.setContent(wanted.body() == null ? "" : wanted.body());
                change.setBody(body);
                Location location = new Location();
                location.setDisplayName(wanted.location() == null ? "" : wanted.location());
                change.setLocation(location);
                change.setStart(time(wanted.start().format(LOCAL), content.timeZone()));
                change.setEnd(time(wanted.end().format(LOCAL), content.timeZone()));
                try {
                    call(() -> events.byEventId(changed.eventId()).patch(change,
                            rc -> rc.headers.add("Prefer", IMMUTABLE_IDS)));
                } catch (GraphWriteException e) {
                    // deleted in Outlook since the read (or the whole series): that deletion is notified and judged
                    if (e.status() != 404) {
                        throw e;
                    }
                }
            }
            // Missing: an occurrence deleted in Outlook cannot be made again in its series; the activity keeps it
        }
        try {
            Event now = call(() -> events.byEventId(master.eventId()).get(rc -> {
                rc.queryParameters.select = new String[] {"id", "iCalUId", "changeKey"};
                rc.headers.add("Prefer", IMMUTABLE_IDS);
            }));
            WrittenEvent after = written(now);
            return master.changedInOutlook() || deletedThere || putBack
                    ? new WrittenEvent(after.eventId(), after.iCalUId(), after.changeKey(), true) : after;
        } catch (GraphWriteException e) {
            // the series was deleted in Outlook right after our write: the write stands (and is linked), and the
            // deletion's notification is judged against that link
            if (e.status() != 404) {
                throw e;
            }
            return master;
        }
    }

    private static String stamp(Event e) {
        if (e.getSingleValueExtendedProperties() == null) {
            return null;
        }
        return e.getSingleValueExtendedProperties().stream()
                .filter(p -> ACTIVITY_PROPERTY_ID.equalsIgnoreCase(p.getId())).map(p -> p.getValue())
                .findFirst().orElse(null);
    }

    /** Graph writes fractions of seconds ("2026-12-01T09:00:00.0000000"): the wall-clock part is what counts. */
    private static java.time.LocalDateTime local(DateTimeTimeZone t) {
        if (t == null || t.getDateTime() == null) {
            return null;
        }
        String s = t.getDateTime();
        return java.time.LocalDateTime.parse(s.length() > 19 ? s.substring(0, 19) : s);
    }

    /** Deleting an event that is already gone is not a failure: the calendar holds what we want. */
    public void delete(String mailbox, String accessToken, String eventId) {
        try {
            call(() -> {
                client(accessToken).users().byUserId(mailbox).events().byEventId(eventId)
                        .delete(rc -> rc.headers.add("Prefer", IMMUTABLE_IDS));
                return null;
            });
        } catch (GraphWriteException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    static Event toEvent(EventContent c) {
        Event e = new Event();
        e.setSubject(c.subject());
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Text);
        body.setContent(c.body() == null ? "" : c.body());
        e.setBody(body);
        Location location = new Location();
        location.setDisplayName(c.location() == null ? "" : c.location());
        e.setLocation(location);
        e.setIsAllDay(c.allDay());
        e.setStart(time(c.start().format(LOCAL), c.timeZone()));
        e.setEnd(time(c.end().format(LOCAL), c.timeZone()));
        if (c.attendeeEmails() != null) {
            e.setAttendees(c.attendeeEmails().stream().map(GraphCalendarClient::attendee).toList());
        }
        if (c.recurrence() != null) {
            e.setRecurrence(GraphRecurrence.toGraph(c.recurrence()));
        }
        return e;
    }

    private static DateTimeTimeZone time(String local, String zone) {
        DateTimeTimeZone t = new DateTimeTimeZone();
        t.setDateTime(local);
        t.setTimeZone(zone == null ? "UTC" : zone);
        return t;
    }

    private static Attendee attendee(String email) {
        Attendee a = new Attendee();
        EmailAddress address = new EmailAddress();
        address.setAddress(email);
        a.setEmailAddress(address);
        a.setType(AttendeeType.Required);
        return a;
    }

    /**
     * The fields of a write's answer that {@link #created} and {@link #written} read, from its node. Graph answers
     * the whole event; the SDK's model parsed all of it (attendees, body, recurrence, extended properties) for these
     * five, about 8 % of the worker's CPU samples at 100 changes a second.
     */
    static Event answered(ParseNode body) {
        Event e = new Event();
        e.setId(string(body, "id"));
        e.setICalUId(string(body, "iCalUId"));
        e.setChangeKey(string(body, "changeKey"));
        e.setSubject(string(body, "subject"));
        ParseNode start = body.getChildNode("start");
        e.setStart(start == null ? null : start.getObjectValue(DateTimeTimeZone::createFromDiscriminatorValue));
        return e;
    }

    private static String string(ParseNode node, String field) {
        ParseNode value = node.getChildNode(field);
        return value == null ? null : value.getStringValue();
    }

    private static WrittenEvent written(Event e) {
        return new WrittenEvent(e.getId(), e.getICalUId(), e.getChangeKey());
    }

    /**
     * A create's answer. A repeated transactionId (a create retried after its answer was lost) is answered with the
     * event the first attempt made, as it is now: when it no longer has the subject or start we sent, a user edited it
     * in Outlook meanwhile, which must not pass for our echo.
     */
    static WrittenEvent created(Event e, EventContent sent) {
        boolean edited = false;
        try {
            boolean subjectDiffers = !java.util.Objects.requireNonNullElse(e.getSubject(), "").strip()
                    .equals(java.util.Objects.requireNonNullElse(sent.subject(), "").strip());
            edited = subjectDiffers || (!sent.allDay() && e.getStart() != null && sent.start() != null
                    && !instant(e.getStart()).equals(sent.start().atZone(java.time.ZoneId.of(sent.timeZone()))
                            .toInstant()));
        } catch (RuntimeException unreadable) {
            // times in a zone we cannot read: taken as what we sent
        }
        return new WrittenEvent(e.getId(), e.getICalUId(), e.getChangeKey(), edited);
    }

    private static java.time.Instant instant(DateTimeTimeZone t) {
        String zone = io.docketsync.sync.domain.EventZones.toIana(t.getTimeZone());
        if (zone == null) {
            throw new IllegalArgumentException("no zone named " + t.getTimeZone());
        }
        return java.time.LocalDateTime.parse(t.getDateTime().length() > 19 ? t.getDateTime().substring(0, 19)
                : t.getDateTime()).atZone(java.time.ZoneId.of(zone)).toInstant();
    }

    /**
     * What every read asks for: times in UTC, bodies as text (Graph answers HTML otherwise; an activity's notes are
     * text) and immutable ids. Graph takes several Prefer headers.
     */
    private static void prefersForReads(com.microsoft.kiota.RequestHeaders headers) {
        headers.add("Prefer", "outlook.timezone=\"UTC\"");
        headers.add("Prefer", "outlook.body-content-type=\"text\"");
        headers.add("Prefer", IMMUTABLE_IDS);
    }

    private GraphServiceClient client(String accessToken) {
        return factory.forToken(accessToken);
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (GraphWriteException e) {
            throw e; // classified already (a refused $batch)
        } catch (ODataError e) {
            String code = e.getError() == null ? null : e.getError().getCode();
            String message = e.getError() == null ? e.getMessage() : e.getError().getMessage();
            throw new GraphWriteException(e.getResponseStatusCode(), code, message, retryAfter(e), e);
        } catch (ApiException e) {
            throw new GraphWriteException(e.getResponseStatusCode(), null, e.getMessage(), retryAfter(e), e);
        } catch (RuntimeException e) {
            // connection refused, timeouts: nothing reached Graph's decision, so try again later
            throw new GraphWriteException(0, "Unreachable", String.valueOf(e.getMessage()), Duration.ofSeconds(5), e);
        }
    }

    private static Duration retryAfter(ApiException e) {
        var headers = e.getResponseHeaders();
        if (headers != null) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase("Retry-After") && !entry.getValue().isEmpty()) {
                    Duration d = seconds(entry.getValue().iterator().next());
                    if (d != null) {
                        return d;
                    }
                }
            }
        }
        return Duration.ofSeconds(e.getResponseStatusCode() == 429 ? 10 : 5);
    }

    /** Retry-After in seconds; null when absent or an HTTP date (then a default pause applies). */
    private static Duration seconds(String retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        try {
            // Graph's Retry-After is seconds, and may be fractional ("1.5")
            return Duration.ofMillis(Math.round(Double.parseDouble(retryAfter.trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
