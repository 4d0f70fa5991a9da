package io.docketsync.connector.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals users' tokens at rest with AES-256-GCM. A sealed value names the key that sealed it
 * ({@code v1.<kid>.<base64url(iv || ciphertext || tag)>}), so keys can rotate: values are opened with the key
 * they name and sealed with the active key. The {@code context} (e.g. the user id and which token) is bound
 * to the ciphertext as associated data, so a value copied to another row or column does not open.
 */
public final class TokenCipher {
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    public TokenCipher(Map<String, byte[]> keys, String activeKeyId) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no token encryption key is configured");
        }
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((kid, key) -> {
            if (kid == null || !kid.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("a key id must be 1-64 letters, digits, '-' or '_': '" + kid + "'");
            }
            if (key == null || key.length != 32) {
                throw new IllegalArgumentException("key '" + kid + "' must be 32 bytes (AES-256), not "
                        + (key == null ? 0 : key.length));
            }
            specs.put(kid, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!specs.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key id '" + activeKeyId + "' is not among the configured keys "
                    + specs.keySet());
        }
        this.keys = Map.copyOf(specs);
        this.activeKeyId = activeKeyId;
    }

    /** Keys as configured: {@code kid=base64key,kid2=base64key} (standard or URL-safe base64). */
    public static TokenCipher fromConfig(String keyList, String activeKeyId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (keyList != null) {
            for (String entry : keyList.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("a token key must be written kid=base64key");
                }
                String kid = entry.substring(0, eq).trim();
                String b64 = entry.substring(eq + 1).trim();
                byte[] key;
                try {
                    key = b64.contains("-") || b64.contains("_") ? Base64.getUrlDecoder().decode(b64)
                            : Base64.getDecoder().decode(b64);
                } catch (IllegalArgumentException e) {
                    // never echo the key material
                    throw new IllegalArgumentException("token key '" + kid + "' is not valid base64");
                }
                if (keys.put(kid, key) != null) {
                    throw new IllegalArgumentException("token key id '" + kid + "' is configured twice");
                }
            }
        }
        return new TokenCipher(keys, activeKeyId == null ? null : activeKeyId.trim());
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(aad(activeKeyId, context));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + "." + activeKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    public String open(String sealed, String context) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.");
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SealedValueException("not a sealed token value");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new SealedValueException("the key '" + parts[1] + "' that sealed this value is not configured");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("not a sealed token value");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new SealedValueException("sealed value too short");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            c.updateAAD(aad(parts[1], context));
            return new String(c.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealedValueException("sealed value does not open (tampered, or sealed for another row)");
        } catch (GeneralSecurityException e) {
            throw new SealedValueException("sealed value does not open: " + e.getClass().getSimpleName());
        }
    }

    /** The key id a sealed value names. */
    public static String keyIdOf(String sealed) {
        String[] parts = sealed.split("\\.");
        return parts.length == 3 ? parts[1] : null;
    }

    private static byte[] aad(String kid, String context) {
        return (VERSION + "|" + kid + "|" + (context == null ? "" : context)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TokenCipher[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }

    /** A stored value that cannot be opened; its message never contains key or plaintext. */
    public static final class SealedValueException extends RuntimeException {
        public SealedValueException(String message) {
            super(message);
        }
    }
}
