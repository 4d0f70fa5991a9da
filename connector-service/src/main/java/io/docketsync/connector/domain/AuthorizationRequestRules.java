package io.docketsync.connector.domain;

import java.time.Duration;
import java.time.Instant;

/** The Connect flow's request to Entra ID: what is asked for, and how long its single-use state lives. */
public final class AuthorizationRequestRules {
    /** offline_access for a refresh token; Calendars.ReadWrite for the calendar and subscriptions; User.Read for /me. */
    public static final String SCOPES = "offline_access Calendars.ReadWrite User.Read";

    private AuthorizationRequestRules() {
    }

    public static Instant expiresAt(Instant now, Duration stateLifetime) {
        return now.plus(stateLifetime);
    }

    public static boolean expired(Instant expiresAt, Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** A login hint worth passing on: an e-mail-like value of sensible length; anything else is dropped. */
    public static String loginHint(String requested) {
        if (requested == null) {
            return null;
        }
        String hint = requested.trim();
        return hint.isEmpty() ? null : hint;
    }

    public static boolean validLoginHint(String hint) {
        return hint == null || (hint.length() <= 254 && hint.matches("[^\\s@]+@[^\\s@]+"));
    }
}
