package io.docketsync.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmallRulesTest {

    @Test
    void idsAreShortPlainTokens() {
        assertTrue(TextRules.ID.matcher("hale-marsh").matches());
        assertTrue(TextRules.ID.matcher("alice@halemarsh.test").matches());
        assertFalse(TextRules.ID.matcher("alice\0").matches());
        assertFalse(TextRules.ID.matcher("a/b").matches());
        assertFalse(TextRules.ID.matcher("x".repeat(129)).matches());
    }

    @Test
    void controlCharactersAreShownNotEchoed() {
        assertTrue(TextRules.hasControl("a\nb"));
        assertFalse(TextRules.hasControl("café"));
        assertEquals("a\\u0000b\\u000Ac", TextRules.visible("a\0b\nc"));
    }

    @Test
    void ifMatchGuardsOnlyWhenGivenAndAcceptsWeakAndListedTags() {
        assertDoesNotThrow(() -> ETags.check(null, 3, "the activity"));
        assertDoesNotThrow(() -> ETags.check("W/\"3\"", 3, "the activity"));
        assertDoesNotThrow(() -> ETags.check("\"1\", \"3\"", 3, "the activity"));
        assertDoesNotThrow(() -> ETags.check("*", "defaults", "the settings"));
        var e = assertThrows(ProblemException.class, () -> ETags.check("\"2\"", 3, "the activity"));
        assertEquals(412, e.problem().status());
        assertEquals("https://docketsync.io/problems/stale-version", e.problem().type());
    }
}
