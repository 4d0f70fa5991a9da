package io.docketsync.activity.domain;

import java.util.Locale;
import java.util.Optional;

/** A Scheduled For user's answer to a meeting we sent from the organizer's calendar. */
public enum ResponseStatus {
    NONE, ACCEPTED, TENTATIVE, DECLINED;

    /** Reads Graph's responseStatus.response values (and our own names); unknown values are empty. */
    public static Optional<ResponseStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none", "notresponded", "organizer" -> Optional.of(NONE);
            case "accepted" -> Optional.of(ACCEPTED);
            case "tentative", "tentativelyaccepted" -> Optional.of(TENTATIVE);
            case "declined" -> Optional.of(DECLINED);
            default -> Optional.empty();
        };
    }
}
