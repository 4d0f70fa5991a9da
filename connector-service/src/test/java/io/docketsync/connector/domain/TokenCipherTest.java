package io.docketsync.connector.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCipherTest {
    private static final byte[] K1 = bytes(1);
    private static final byte[] K2 = bytes(2);
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-payload.signature";

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static Map<String, byte[]> keys(Object... kidAndKey) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kidAndKey.length; i += 2) {
            m.put((String) kidAndKey[i], (byte[]) kidAndKey[i + 1]);
        }
        return m;
    }

    @Test
    void sealedValuesOpenToThePlaintextAndNameTheActiveKey() {
        TokenCipher cipher = new TokenCipher(keys("k1", K1), "k1");
        String sealed = cipher.seal(TOKEN, "refresh-token:u1");
        assertTrue(sealed.startsWith("v1.k1."), sealed);
        assertFalse(sealed.contains(TOKEN));
        assertFalse(sealed.contains("secret-payload"));
        assertEquals(TOKEN, cipher.open(sealed, "refresh-token:u1"));
        assertEquals("k1", TokenCipher.keyIdOf(sealed));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        TokenCipher cipher = new TokenCipher(keys("k1", K1), "k1");
        assertNotEquals(cipher.seal(TOKEN, "c"), cipher.seal(TOKEN, "c"));
    }

    @Test
    void afterRotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String old = new TokenCipher(keys("k1", K1), "k1").seal(TOKEN, "access-token:u1");
        TokenCipher rotated = new TokenCipher(keys("k1", K1, "k2", K2), "k2");
        assertEquals(TOKEN, rotated.open(old, "access-token:u1"));
        String fresh = rotated.seal(TOKEN, "access-token:u1");
        assertEquals("k2", TokenCipher.keyIdOf(fresh));
        // the old key alone cannot open what the new key sealed
        assertThrows(TokenCipher.SealedValueException.class,
                () -> new TokenCipher(keys("k1", K1), "k1").open(fresh, "access-token:u1"));
    }

    @Test
    void aRemovedKeyIsNamedInTheFailure() {
        String old = new TokenCipher(keys("k1", K1), "k1").seal(TOKEN, "c");
        var e = assertThrows(TokenCipher.SealedValueException.class,
                () -> new TokenCipher(keys("k2", K2), "k2").open(old, "c"));
        assertTrue(e.getMessage().contains("'k1'"), e.getMessage());
    }

    @Test
    void aValueSealedForAnotherRowOrColumnDoesNotOpen() {
        TokenCipher cipher = new TokenCipher(keys("k1", K1), "k1");
        String sealed = cipher.seal(TOKEN, "refresh-token:u1");
        assertThrows(TokenCipher.SealedValueException.class, () -> cipher.open(sealed, "refresh-token:u2"));
        assertThrows(TokenCipher.SealedValueException.class, () -> cipher.open(sealed, "access-token:u1"));
    }

    @Test
    void tamperingIsDetected() {
        TokenCipher cipher = new TokenCipher(keys("k1", K1), "k1");
        String sealed = cipher.seal(TOKEN, "c");
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring("v1.k1.".length()));
        raw[raw.length - 20] ^= 1;
        String tampered = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        var e = assertThrows(TokenCipher.SealedValueException.class, () -> cipher.open(tampered, "c"));
        assertFalse(e.getMessage().contains(TOKEN));
        // a value relabelled with another key id does not open either (the kid is authenticated)
        TokenCipher two = new TokenCipher(keys("k1", K1, "k2", K1), "k1");
        String relabelled = "v1.k2." + sealed.substring("v1.k1.".length());
        assertThrows(TokenCipher.SealedValueException.class, () -> two.open(relabelled, "c"));
    }

    @Test
    void garbageIsRefusedAsNotSealed() {
        TokenCipher cipher = new TokenCipher(keys("k1", K1), "k1");
        for (String bad : new String[] {"", "plain-token", "v2.k1.AAAA", "v1.k1.!!!", "v1.k1.AAAA"}) {
            assertThrows(TokenCipher.SealedValueException.class, () -> cipher.open(bad, "c"), bad);
        }
        assertThrows(TokenCipher.SealedValueException.class, () -> cipher.open(null, "c"));
    }

    @Test
    void configurationIsParsedFromKidEqualsBase64Pairs() {
        String config = "old=" + Base64.getEncoder().encodeToString(K1) + ", new="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(K2);
        TokenCipher cipher = TokenCipher.fromConfig(config, "new");
        assertEquals("new", cipher.activeKeyId());
        String old = new TokenCipher(keys("old", K1), "old").seal(TOKEN, "c");
        assertEquals(TOKEN, cipher.open(old, "c"));
    }

    @Test
    void badConfigurationIsRefusedWithoutEchoingKeys() {
        String k = Base64.getEncoder().encodeToString(K1);
        assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromConfig("", "a"));
        assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromConfig("a=" + k, "b"));
        assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromConfig("a=" + k + ",a=" + k, "a"));
        assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromConfig("a.b=" + k, "a.b"));
        assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromConfig(k, "a"));
        var shortKey = assertThrows(IllegalArgumentException.class,
                () -> TokenCipher.fromConfig("a=" + Base64.getEncoder().encodeToString(new byte[16]), "a"));
        assertTrue(shortKey.getMessage().contains("32 bytes"));
        var notBase64 = assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromConfig("a=%%%secret%%%", "a"));
        assertFalse(notBase64.getMessage().contains("secret"));
    }
}
