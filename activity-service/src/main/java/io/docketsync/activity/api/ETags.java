package io.docketsync.activity.api;

import java.util.Arrays;

/** Versions as entity tags: the ETag of a read, and the If-Match that guards a write. */
final class ETags {
    private ETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** An absent If-Match does not guard; one that names no current version is answered 412. */
    static void check(String ifMatch, long version, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .map(t -> t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t)
                .anyMatch(t -> t.equals("*") || t.equals(String.valueOf(version)));
        if (!matches) {
            throw ProblemException.preconditionFailed(what + " is at version " + version + ", not " + ifMatch
                    + ": it changed since you read it; read it again and retry");
        }
    }
}
