package io.docketsync.settings.api;

import io.docketsync.settings.persistence.FirmEntity;
import java.util.Arrays;

/** The firm's settings version as an entity tag; "defaults" while the firm has never saved any. */
final class ETags {
    static final String DEFAULTS = "defaults";

    private ETags() {
    }

    static String of(FirmEntity firm) {
        return "\"" + value(firm) + "\"";
    }

    private static String value(FirmEntity firm) {
        return firm == null ? DEFAULTS : String.valueOf(firm.version);
    }

    /** An absent If-Match does not guard; one that names no current version is answered 412. */
    static void check(String ifMatch, FirmEntity firm, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = value(firm);
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .map(t -> t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t)
                .anyMatch(t -> t.equals("*") || t.equals(current));
        if (!matches) {
            throw ProblemException.preconditionFailed(what + " are at version " + current + ", not " + ifMatch
                    + ": they changed since you read them; read them again and retry");
        }
    }
}
