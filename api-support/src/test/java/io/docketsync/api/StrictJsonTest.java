package io.docketsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    record Input(String subject, List<String> scheduledFor) {
    }

    @Test
    void aNulCharacterAnywhereIsRefusedNamingItsField() {
        var e = assertThrows(ProblemException.class, () -> StrictJson.read(
                "{\"subject\":\"a\\u0000b\",\"scheduledFor\":[\"alice\",\"b\\u0000ob\"]}", Input.class));
        assertEquals(400, e.problem().status());
        assertEquals(List.of("subject", "scheduledFor[1]"), e.problem().errors().stream().map(Violation::field).toList());
        assertEquals(TextRules.NUL_MESSAGE, e.problem().errors().get(0).message());
    }

    @Test
    void aNulCharacterInAFieldNameIsShownEscaped() {
        var e = assertThrows(ProblemException.class, () -> StrictJson.tree("{\"sub\\u0000ject\":\"x\"}"));
        assertEquals("sub\\u0000ject", e.problem().errors().get(0).field());
    }

    @Test
    void otherTextIsReadAsGiven() {
        assertEquals("tab\there", StrictJson.read("{\"subject\":\"tab\\there\"}", Input.class).subject());
    }

    @Test
    void wrongTypesNameTheField() {
        var e = assertThrows(ProblemException.class, () -> StrictJson.read("{\"subject\":5}", Input.class));
        assertEquals("subject", e.problem().errors().get(0).field());
        assertEquals("https://docketsync.io/problems/invalid-input", e.problem().type());
    }
}
