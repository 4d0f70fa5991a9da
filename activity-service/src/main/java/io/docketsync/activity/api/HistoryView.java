package io.docketsync.activity.api;

import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.contracts.Origin;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HistoryEntry", description = "One change of an activity: from the application or from Office 365 "
        + "(APPLIED, OVERWRITTEN by a later change in the application, or IGNORED)")
public record HistoryView(Instant at, Origin.Kind source, String userId, String mailbox, String action,
        HistoryEntity.Outcome outcome, String detail, Long version) {

    static HistoryView of(HistoryEntity h) {
        return new HistoryView(h.at, h.source, h.userId, h.mailbox, h.action, h.outcome, h.detail, h.version);
    }
}
