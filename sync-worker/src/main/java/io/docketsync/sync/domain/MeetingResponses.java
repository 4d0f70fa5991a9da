package io.docketsync.sync.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answers to a meeting we sent, as the organizer's event holds them (Exchange writes each attendee's answer
 * there), mapped to the activity's Scheduled For users. No I/O.
 */
public final class MeetingResponses {
    private MeetingResponses() {
    }

    /**
     * @param responsesByEmail attendee e-mail → Graph's response (none, accepted, tentativelyAccepted, declined, …)
     * @param userByEmail      the firm's users by e-mail address (any case)
     * @return user id → response, for the Scheduled For users other than the organizer who are attendees
     */
    public static Map<String, String> byUser(Map<String, String> responsesByEmail, Map<String, String> userByEmail,
            List<String> scheduledFor, String organizerUserId) {
        Map<String, String> users = new LinkedHashMap<>();
        Map<String, String> lowerCase = new LinkedHashMap<>();
        userByEmail.forEach((email, user) -> lowerCase.put(email.toLowerCase(Locale.ROOT), user));
        responsesByEmail.forEach((email, response) -> {
            String user = email == null ? null : lowerCase.get(email.toLowerCase(Locale.ROOT));
            if (user != null && !user.equals(organizerUserId) && scheduledFor.contains(user) && response != null) {
                users.put(user, response);
            }
        });
        return users;
    }
}
