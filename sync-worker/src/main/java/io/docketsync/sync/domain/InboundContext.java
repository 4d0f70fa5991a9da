package io.docketsync.sync.domain;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Permission;
import java.time.Instant;

/**
 * Everything the inbound rules know of one changed (created or updated) event in user U's mailbox.
 *
 * @param link              U's link for the event, null when unlinked
 * @param recordedChangeKey the change key our last write of the event left (the link's), null when none
 * @param activity          the activity the link ties to, null when unlinked or gone
 * @param sameMeeting       an activity another user's link ties to the same meeting (iCalUId), else null
 * @param sameMeetingIsOurs whether we pushed that meeting (from its organizer's mailbox)
 * @param createNewSince    when two-way sync (Create New from Office) was last turned on, null when unknown
 * @param edit              U's edit permission
 * @param waitForOwnWrites  false once the worker has waited long enough for the write stage to record a write of
 *                          ours the event holds (that write failed for us though Graph applied it): judged as it stands
 * @param writtenByUs       one of our writes was answered with this event's id: ours, known without our property
 *                          (delta answers carry no extended properties)
 * @param linkRecordedSinceRead the write stage recorded the link after the event was read: the read may be older
 *                          than a write of ours that landed meanwhile
 */
public record InboundContext(String user, OfficeEvent event, EventLink link, String recordedChangeKey,
        LinkedActivity activity, LinkedActivity sameMeeting, boolean sameMeetingIsOurs, Office365Settings settings,
        Instant createNewSince, Permission edit, boolean waitForOwnWrites, boolean writtenByUs,
        boolean linkRecordedSinceRead) {

    /** A change read before the link was last recorded, or not: judged from what it holds. */
    public InboundContext(String user, OfficeEvent event, EventLink link, String recordedChangeKey,
            LinkedActivity activity, LinkedActivity sameMeeting, boolean sameMeetingIsOurs, Office365Settings settings,
            Instant createNewSince, Permission edit, boolean waitForOwnWrites, boolean writtenByUs) {
        this(user, event, link, recordedChangeKey, activity, sameMeeting, sameMeetingIsOurs, settings, createNewSince,
                edit, waitForOwnWrites, writtenByUs, false);
    }

    /** A change of an event none of our recent writes answered with. */
    public InboundContext(String user, OfficeEvent event, EventLink link, String recordedChangeKey,
            LinkedActivity activity, LinkedActivity sameMeeting, boolean sameMeetingIsOurs, Office365Settings settings,
            Instant createNewSince, Permission edit, boolean waitForOwnWrites) {
        this(user, event, link, recordedChangeKey, activity, sameMeeting, sameMeetingIsOurs, settings, createNewSince,
                edit, waitForOwnWrites, false);
    }

    /** The same change, judged as it stands (no longer waiting for a write of ours to be recorded). */
    public InboundContext asItStands() {
        return new InboundContext(user, event, link, recordedChangeKey, activity, sameMeeting, sameMeetingIsOurs,
                settings, createNewSince, edit, false, writtenByUs, linkRecordedSinceRead);
    }
}
