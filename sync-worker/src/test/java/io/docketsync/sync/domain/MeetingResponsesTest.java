package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeetingResponsesTest {
    private final Map<String, String> firm = Map.of("alice@halemarsh.test", "alice", "bob@halemarsh.test", "bob",
            "carol@halemarsh.test", "carol", "dave@halemarsh.test", "dave");

    @Test
    void eachScheduledAttendeesAnswerGoesToTheirUser() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("BOB@halemarsh.test", "accepted");
        answers.put("carol@halemarsh.test", "declined");
        assertEquals(Map.of("bob", "accepted", "carol", "declined"),
                MeetingResponses.byUser(answers, firm, List.of("alice", "bob", "carol"), "alice"));
    }

    @Test
    void outsidersTheOrganizerAndUsersNoLongerScheduledAreLeftOut() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("alice@halemarsh.test", "organizer");
        answers.put("dave@halemarsh.test", "accepted");          // removed from Scheduled For since
        answers.put("someone@elsewhere.test", "accepted");       // invited in Outlook, not a firm user
        answers.put("bob@halemarsh.test", "tentativelyAccepted");
        assertEquals(Map.of("bob", "tentativelyAccepted"),
                MeetingResponses.byUser(answers, firm, List.of("alice", "bob"), "alice"));
    }
}
