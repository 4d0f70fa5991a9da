package io.docketsync.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UserKeyTest {
    @Test
    void theSameUserIdInTwoFirmsHasTwoKeys() {
        assertNotEquals(UserKey.of("hale-marsh", "alice").kafkaKey(), UserKey.of("other-firm", "alice").kafkaKey());
        assertEquals("hale-marsh/alice", UserKey.of("hale-marsh", "alice").kafkaKey());
    }

    @Test
    void aSlashInsideAnIdCannotMakeTwoPairsShareAKey() {
        assertNotEquals(UserKey.of("a/b", "c").kafkaKey(), UserKey.of("a", "b/c").kafkaKey());
    }

    @Test
    void bothPartsAreRequired() {
        assertThrows(NullPointerException.class, () -> UserKey.of(null, "alice"));
        assertThrows(NullPointerException.class, () -> UserKey.of("hale-marsh", null));
    }
}
