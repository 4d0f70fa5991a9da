package io.docketsync.activity.domain;

import io.docketsync.api.Violation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The date range of a push or import job. No I/O: "today" is given. */
public record JobRange(LocalDate from, LocalDate to) {
    /** "Push my calendar to 365": by default {@code daysBack} (30 in DESIGN.md) days back and everything ahead
     * (to null). */
    public static JobRange forPush(LocalDate today, int daysBack, LocalDate from, LocalDate to) {
        return new JobRange(from == null ? today.minusDays(daysBack) : from, to);
    }

    public List<Violation> check(boolean toRequired) {
        List<Violation> v = new ArrayList<>();
        if (from == null) {
            v.add(new Violation("from", "required"));
        }
        if (toRequired && to == null) {
            v.add(new Violation("to", "required"));
        }
        SupportedDates.check("from", from, v);
        SupportedDates.check("to", to, v);
        if (from != null && to != null && to.isBefore(from)) {
            v.add(new Violation("to", "must not be before from"));
        }
        return v;
    }
}
