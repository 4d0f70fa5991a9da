package io.docketsync.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.simulator.state.StoredEvent;
import io.docketsync.simulator.state.TimeZones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An event as Graph writes it: times in the Prefer'd zone, the body as HTML or (Prefer'd) text, the regular or
 * (Prefer'd) immutable id, $select'ed properties, $expand'ed extended properties.
 */
@ApplicationScoped
public class EventJson {
    private static final Pattern PREFER_TZ = Pattern.compile("outlook\\.timezone\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFER_BODY = Pattern.compile(
            "outlook\\.body-content-type\\s*=\\s*\"?(text|html)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFER_IMMUTABLE = Pattern.compile("IdType\\s*=\\s*\"?ImmutableId\"?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPAND_PROPERTY = Pattern.compile(
            "singleValueExtendedProperties(?:\\(\\s*\\$filter\\s*=\\s*id\\s+eq\\s+'([^']*)'\\s*\\))?", Pattern.CASE_INSENSITIVE);

    /**
     * How the caller asked to see events (from the request's Prefer header(s), $select and $expand).
     *
     * @param timeZoneNamed the request named a zone (outlook.timezone), so the answer says Preference-Applied
     * @param textBody      the body as text (outlook.body-content-type="text"); else HTML, Graph's default
     * @param immutableIds  ids as immutable ids (IdType="ImmutableId"); else regular ids
     */
    public record View(String timeZone, Set<String> select, boolean expandProperties, String propertyFilter,
            boolean timeZoneNamed, boolean textBody, boolean immutableIds) {
        public static final View DEFAULT = new View("UTC", null, false, null, false, false, false);

        public static View of(String prefer, String select, String expand) {
            String zone = preferredTimeZone(prefer).orElse("UTC");
            TimeZones.zone(zone); // unknown zones are refused as Graph refuses them
            Set<String> selected = select == null || select.isBlank() ? null
                    : Arrays.stream(select.split(",")).map(String::trim).collect(Collectors.toSet());
            boolean expandProperties = false;
            String filter = null;
            if (expand != null) {
                Matcher m = EXPAND_PROPERTY.matcher(expand);
                if (m.find()) {
                    expandProperties = true;
                    filter = m.group(1);
                }
            }
            return new View(zone, selected, expandProperties, filter, preferredTimeZone(prefer).isPresent(),
                    prefersTextBody(prefer), prefersImmutableIds(prefer));
        }

        /** The same, with the body as HTML whatever the request preferred (writes answer HTML, as Graph does). */
        public View htmlBody() {
            return new View(timeZone, select, expandProperties, propertyFilter, timeZoneNamed, false, immutableIds);
        }

        public boolean preferredZone() {
            return !"UTC".equals(timeZone);
        }

        /** Preference-Applied for this answer: the preferences it honoured, or null. */
        public String preferenceApplied() {
            java.util.List<String> applied = new java.util.ArrayList<>();
            if (timeZoneNamed) {
                applied.add("outlook.timezone=\"" + timeZone + "\"");
            }
            if (textBody) {
                applied.add("outlook.body-content-type=\"text\"");
            }
            return applied.isEmpty() ? null : String.join(", ", applied);
        }
    }

    /** {@code Prefer: outlook.body-content-type="text"} */
    public static boolean prefersTextBody(String prefer) {
        if (prefer == null) {
            return false;
        }
        Matcher m = PREFER_BODY.matcher(prefer);
        return m.find() && "text".equalsIgnoreCase(m.group(1));
    }

    /** {@code Prefer: IdType="ImmutableId"} */
    public static boolean prefersImmutableIds(String prefer) {
        return prefer != null && PREFER_IMMUTABLE.matcher(prefer).find();
    }

    @Inject
    ObjectMapper json;

    /** The zone named by {@code Prefer: outlook.timezone="..."}, if the header names one. */
    public static java.util.Optional<String> preferredTimeZone(String prefer) {
        if (prefer != null) {
            Matcher m = PREFER_TZ.matcher(prefer);
            if (m.find()) {
                return java.util.Optional.of(m.group(1));
            }
        }
        return java.util.Optional.empty();
    }

    public ObjectNode render(StoredEvent e, View view) {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.etag", e.etag());
        String id = e.id(view.immutableIds());
        out.put("id", id);
        ObjectNode all = json.createObjectNode();
        all.put("createdDateTime", e.createdDateTime.toString());
        all.put("lastModifiedDateTime", e.lastModifiedDateTime.toString());
        all.put("changeKey", e.changeKey);
        all.set("categories", e.data.has("categories") ? e.data.get("categories") : json.createArrayNode());
        if (e.transactionId != null) {
            all.put("transactionId", e.transactionId);
        } else {
            all.putNull("transactionId");
        }
        all.put("originalStartTimeZone", e.data.path("start").path("timeZone").asText("UTC"));
        all.put("originalEndTimeZone", e.data.path("end").path("timeZone").asText("UTC"));
        all.put("iCalUId", e.iCalUId);
        all.put("uid", e.uid != null ? e.uid : e.iCalUId);
        all.put("reminderMinutesBeforeStart", e.data.path("reminderMinutesBeforeStart").asInt(15));
        all.put("isReminderOn", e.data.path("isReminderOn").asBoolean(true));
        all.put("hasAttachments", false);
        all.put("subject", e.data.path("subject").asText(""));
        String storedType = e.data.path("body").path("contentType").asText("html");
        String storedContent = e.data.path("body").path("content").asText("");
        all.put("bodyPreview", OutlookBody.preview(storedType, storedContent));
        all.put("importance", e.data.path("importance").asText("normal"));
        all.put("sensitivity", e.data.path("sensitivity").asText("normal"));
        all.put("isAllDay", e.isAllDay());
        all.put("isCancelled", e.isCancelled);
        all.put("isOrganizer", e.isOrganizer);
        all.put("responseRequested", e.data.path("responseRequested").asBoolean(true));
        all.put("seriesMasterId", e.seriesMasterId(view.immutableIds()));
        all.put("showAs", e.data.path("showAs").asText("busy"));
        all.put("type", e.eventType());
        if (e.originalStart != null) {
            // occurrences and exceptions: the start the pattern gave them, in UTC, as Graph writes it
            all.put("originalStart", e.originalStart.toString());
        }
        all.put("webLink", "https://outlook.office365.com/owa/?itemid=" + id + "&exvsurl=1&path=/calendar/item");
        all.putNull("onlineMeetingUrl");
        all.put("isOnlineMeeting", e.data.path("isOnlineMeeting").asBoolean(false));
        all.put("onlineMeetingProvider", e.data.path("onlineMeetingProvider").asText("unknown"));
        all.put("allowNewTimeProposals", e.data.path("allowNewTimeProposals").asBoolean(true));
        all.put("isDraft", false);
        all.put("hideAttendees", e.data.path("hideAttendees").asBoolean(false));
        ObjectNode responseStatus = all.putObject("responseStatus");
        responseStatus.put("response", e.response);
        responseStatus.put("time", e.responseTime == null ? "0001-01-01T00:00:00Z" : e.responseTime.toString());
        ObjectNode body = all.putObject("body");
        String[] answered = OutlookBody.answer(storedType, storedContent, view.textBody());
        body.put("contentType", answered[0]);
        body.put("content", answered[1]);
        all.set("start", time(e, true, view));
        all.set("end", time(e, false, view));
        JsonNode location = e.data.get("location");
        all.set("location", location != null && location.isObject() ? location : emptyLocation());
        all.set("locations", e.data.has("locations") ? e.data.get("locations")
                : location != null && location.path("displayName").asText("").length() > 0
                        ? json.createArrayNode().add(location) : json.createArrayNode());
        all.set("recurrence", e.data.has("recurrence") ? e.data.get("recurrence") : json.nullNode());
        all.set("attendees", e.attendees() != null ? e.attendees() : json.createArrayNode());
        all.set("organizer", e.organizer);
        all.putNull("onlineMeeting");
        all.fields().forEachRemaining(f -> {
            if (view.select() == null || view.select().contains(f.getKey())) {
                out.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        if (view.expandProperties()) {
            var properties = out.putArray("singleValueExtendedProperties");
            e.extendedProperties.forEach((key, idAndValue) -> {
                if (view.propertyFilter() == null || key.equals(view.propertyFilter().toLowerCase(Locale.ROOT))) {
                    ObjectNode p = properties.addObject();
                    p.put("id", idAndValue[0]);
                    p.put("value", idAndValue[1]);
                }
            });
        }
        return out;
    }

    /** Timed events convert to the preferred zone; all-day events keep their dates (they float). */
    private ObjectNode time(StoredEvent e, boolean start, View view) {
        LocalDateTime local = start ? e.localStart() : e.localEnd();
        ZoneId from = start ? e.startZone() : e.endZone();
        ZoneId to = TimeZones.zone(view.timeZone());
        LocalDateTime shown = e.isAllDay() ? local : local.atZone(from).withZoneSameInstant(to).toLocalDateTime();
        ObjectNode t = json.createObjectNode();
        t.put("dateTime", TimeZones.format(shown));
        t.put("timeZone", view.timeZone());
        return t;
    }

    private ObjectNode emptyLocation() {
        ObjectNode location = json.createObjectNode();
        location.put("displayName", "");
        location.put("locationType", "default");
        location.put("uniqueIdType", "unknown");
        location.set("address", json.createObjectNode());
        location.set("coordinates", json.createObjectNode());
        return location;
    }
}
