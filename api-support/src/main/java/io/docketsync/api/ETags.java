package io.docketsync.api;

import java.util.Arrays;

/** Versions as entity tags: the ETag of a read, and the If-Match that guards a write. */
public final class ETags {
    private ETags() {
    }

    public static String of(String version) {
        return "\"" + version + "\"";
    }

    public static String of(long version) {
        return of(String.valueOf(version));
    }

    /** An absent If-Match does not guard; one that names no current version is answered 412 (stale-version). */
    public static void check(String ifMatch, String version, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .map(t -> t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t)
                .anyMatch(t -> t.equals("*") || t.equals(version));
        if (!matches) {
            throw ProblemException.preconditionFailed(what + " is at version " + version + ", not " + ifMatch
                    + ": it changed since you read it; read it again and retry");
        }
    }

    public static void check(String ifMatch, long version, String what) {
        check(ifMatch, String.valueOf(version), what);
    }
}
