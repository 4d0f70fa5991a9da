package io.docketsync.activity.domain;

import io.docketsync.api.Violation;
import java.time.LocalDate;
import java.util.List;

/**
 * The dates the activities API accepts: years 1900 to 2999, as a law-practice calendar needs. PostgreSQL cannot
 * store every year Java can parse (it silently changed +300000-01-01 and refused +999999999-12-31 with a 500), so
 * every date and date-time of a request is held to this range and refused with 400 naming its field otherwise.
 */
public final class SupportedDates {
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2999;
    public static final String RANGE = "years " + FIRST_YEAR + " to " + LAST_YEAR;

    private SupportedDates() {
    }

    public static boolean supported(LocalDate date) {
        return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
    }

    /** Adds a violation naming {@code field} when {@code date} (may be null: nothing to judge) is outside the range. */
    public static void check(String field, LocalDate date, List<Violation> violations) {
        if (date != null && !supported(date)) {
            violations.add(new Violation(field, "'" + date + "' is outside the supported dates (" + RANGE + ")"));
        }
    }
}
