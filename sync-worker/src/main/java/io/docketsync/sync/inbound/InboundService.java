package io.docketsync.sync.inbound;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.UserKey;
import io.docketsync.outbox.ExportedEvent;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.Calendar;
import io.docketsync.sync.domain.InboundContext;
import io.docketsync.sync.domain.InboundDecision;
import io.docketsync.sync.domain.InboundEffect;
import io.docketsync.sync.domain.InboundEffects;
import io.docketsync.sync.domain.InboundRules;
import io.docketsync.sync.domain.LinkedActivity;
import io.docketsync.sync.domain.MeetingResponses;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.ReadEvent;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.deadletters.DeadLetterService;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.messaging.SyncPublisher;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.InOrder;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.WrittenChange;
import io.docketsync.sync.plan.PlanService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import io.docketsync.sync.domain.EventContentMapper;
import io.docketsync.sync.domain.OccurrenceRules;
import io.docketsync.sync.domain.SeriesView;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Office 365 → app: a change notification of user U's mailbox is read back through the {@link Calendar}, judged by
 * the inbound rules, and its {@link InboundEffect}s applied: commands for activity-service plus the link changes
 * that keep the next notifications recognisable (our own writes come back as echoes and change nothing). The read
 * happens before the transaction that judges and applies; the notification is claimed in that transaction.
 */
@ApplicationScoped
public class InboundService {
    private static final Logger LOG = Logger.getLogger(InboundService.class);

    @Inject
    Calendar calendar;
    @Inject
    PlanService plans;
    @Inject
    SyncPublisher publisher;
    @Inject
    DeadLetterService deadLetters;
    @Inject
    SyncConfig config;
    @Inject
    DeletionHold deletionHold;
    @Inject
    Pool pool;

    /** Thrown to have a notification judged again once the write stage has recorded our write. */
    static final class OwnWriteNotRecorded extends RuntimeException {
        OwnWriteNotRecorded(String reason) {
            super(reason, null, false, false);
        }
    }

    public Uni<Void> notified(EventEnvelope<GraphNotification> env) {
        GraphNotification n = env.data;
        return handledOrEcho(env).chain(skip -> skip || !mayBeEcho(n) ? Uni.createFrom().item(skip)
                // while our $batch to the mailbox is out, its events' notifications come before their change keys
                // are recorded: waiting for its answer spares reading each event back to find it is ours
                : calendar.writesAnswered(n.user(), WRITES_ANSWERED_PATIENCE)
                        .chain(waited -> waited ? handledOrEcho(env) : Uni.createFrom().item(false))).chain(skip -> {
            if (skip) {
                return Uni.createFrom().voidItem();
            }
            if ("deleted".equalsIgnoreCase(n.changeType())) {
                return awaitingOwnWrites(env, wait -> Panache.withTransaction(() -> claimed(env,
                        () -> deleted(env, wait))));
            }
            return awaitingOwnWrites(env, wait -> readAndJudge(env, wait));
        });
    }

    /**
     * Judged, and while the judgement awaits a write of ours the write stage has not recorded yet, judged again
     * shortly (with backoff), unless that write's change key is recorded by then (known without reading the event
     * again); still not recorded after the retries (that write failed for us though Graph applied it): judged as it
     * stands.
     */
    private Uni<Void> awaitingOwnWrites(EventEnvelope<GraphNotification> env,
            java.util.function.Function<Boolean, Uni<Void>> judge) {
        GraphNotification n = env.data;
        AtomicBoolean first = new AtomicBoolean(true);
        return Uni.createFrom().deferred(() -> first.getAndSet(false) ? judge.apply(true)
                : handledOrEcho(env).chain(skip -> skip ? Uni.createFrom().voidItem() : judge.apply(true)))
                .onFailure(OwnWriteNotRecorded.class).retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(4)).atMost(config.ownWriteRetries())
                .onFailure(OwnWriteNotRecorded.class).recoverWithUni(e -> {
                    LOG.infof("%s in %s's mailbox: %s; judged as it stands", n.eventId(), n.user(), e.getMessage());
                    return judge.apply(false);
                });
    }

    /** How long a notification waits for our writes out to its mailbox before it is judged by reading the event. */
    static final Duration WRITES_ANSWERED_PATIENCE = Duration.ofSeconds(15);

    /** A notification that an echo of our write could be: one an event's change key tells apart. */
    private static boolean mayBeEcho(GraphNotification n) {
        return n.changeKey() != null && n.eventId() != null && !"deleted".equalsIgnoreCase(n.changeType());
    }

    /**
     * The notification was handled already, or it is the echo of our own write: its change key is the one the
     * writer recorded for this event, in the event's link or, while the wave that wrote it still waits out
     * throttling before it records the link, among the change keys recorded the moment its batch answered. Known
     * without reading the event back (a Graph request less per write against the mailbox's limits), in one statement
     * on the reactive SQL client: every write of ours comes back as a notification.
     */
    private Uni<Boolean> handledOrEcho(EventEnvelope<GraphNotification> env) {
        GraphNotification n = env.data;
        if (n.changeKey() == null || n.eventId() == null || "deleted".equalsIgnoreCase(n.changeType())) {
            return ProcessedEvent.seen(pool, Set.of(env.id)).map(seen -> !seen.isEmpty());
        }
        UserKey user = n.user();
        return EventLinks.handledOrEcho(pool, env.id, user, n.eventId(), n.changeKey()).invoke(skip -> {
            if (skip && LOG.isDebugEnabled()) {
                LOG.debugf("%s in %s's mailbox: handled already, or the echo of our own write by its change key",
                        n.eventId(), user);
            }
        });
    }

    private Uni<Void> readAndJudge(EventEnvelope<GraphNotification> env, boolean waitForOwnWrites) {
        GraphNotification n = env.data;
        return Uni.createFrom().item(Instant::now).chain(readAt -> calendar.read(n.user(), n.mailbox(), n.eventId())
                .chain(read -> withOccurrences(n, read, readAt)))
                .chain(read -> Panache.withTransaction(() -> claimed(env, () -> read.event().isPresent()
                        ? judgeRead(naming(env, read.event().get().event().eventId()), read, waitForOwnWrites)
                        : deleted(env, waitForOwnWrites))));
    }

    /**
     * An event as read, and when it is a series master, its occurrences over the sync window (none when the user
     * deleted them all; null only when they were not read); {@code readAt} when the read started (null: not known).
     */
    record Read(Optional<ReadEvent> event, List<OfficeEvent> occurrences, Instant readAt) {
        /** Whether the write stage recorded the link after this read started: the read may predate that write. */
        boolean predates(EventLinkEntity link) {
            return readAt != null && link != null && link.updatedAt != null && link.updatedAt.isAfter(readAt);
        }
    }

    private Uni<Read> withOccurrences(GraphNotification n, Optional<ReadEvent> read, Instant readAt) {
        if (read.isEmpty() || !read.get().event().seriesMaster()) {
            return Uni.createFrom().item(new Read(read, List.of(), readAt));
        }
        LocalDate[] window = window();
        return calendar.instances(n.user(), n.mailbox(), read.get().event().eventId(),
                window[0].minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant(),
                window[1].plusDays(8).atStartOfDay(ZoneOffset.UTC).toInstant())
                .map(occurrences -> new Read(read, occurrences, readAt))
                // the series was deleted between the two reads: judged as the deletion it is
                .onFailure(e -> e instanceof io.docketsync.sync.domain.GraphWriteException g && g.status() == 404)
                .recoverWithItem(() -> new Read(Optional.empty(), List.of(), readAt));
    }

    /** The sync window (docketsync.sync.delta-window-back / -ahead), as the writer uses it for series too. */
    private LocalDate[] window() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new LocalDate[] {today.minus(config.deltaWindowBack()), today.plus(config.deltaWindowAhead())};
    }

    /**
     * A change found by a delta round (in the caller's transaction): an event, or a series with its occurrences
     * (null when the round did not read them).
     */
    Uni<Void> judged(EventEnvelope<GraphNotification> env, OfficeEvent event, List<OfficeEvent> occurrences) {
        return judgeRead(env, new Read(Optional.of(new ReadEvent(event, Map.of())), occurrences, null), true);
    }

    private Uni<Void> judgeRead(EventEnvelope<GraphNotification> env, Read read, boolean waitForOwnWrites) {
        ReadEvent event = read.event().get();
        if (!event.event().seriesMaster()) {
            return changed(env, event.event(), List.of(), read, waitForOwnWrites).chain(() -> answers(env, event));
        }
        return seriesOf(env.data, event.event()).chain(series -> series != null
                && SeriesView.masterShows(series.content(), event.event())
                        // the series itself is as the activity says: Graph's change is about its occurrences, or
                        // an attendee's answer to the series
                        ? occurrences(env, series, event.event(), read, waitForOwnWrites)
                                .chain(() -> answers(env, event))
                        : changed(env, event.event(), read.occurrences(), read, waitForOwnWrites)
                                .chain(() -> answers(env, event))
                                .chain(() -> occurrences(env, series, event.event(), read, waitForOwnWrites)));
    }

    /** A series master's link, the recurring activity it ties to, and the activity's series as an event. */
    record LinkedSeries(EventLinkEntity link, ActivityProjection activity, EventContent content) {
    }

    private static Uni<LinkedSeries> seriesOf(GraphNotification n, OfficeEvent master) {
        return EventLinks.of(n.user(), master.eventId()).chain(link -> link == null ? Uni.createFrom().nullItem()
                : ActivityProjection.<ActivityProjection>findById(link.id.activityId).map(a -> {
                    if (a == null || a.deleted || !a.snapshot().recurring()) {
                        return null;
                    }
                    return new LinkedSeries(link, a, EventContentMapper.content(a.snapshot(), List.of()));
                }));
    }

    /**
     * What the user did to single occurrences (OccurrenceRules): the occurrences as read, against the series as we
     * last wrote it to this mailbox. Whatever of ours is still on its way there, a difference from what we wrote is
     * the user's (the occurrence commands are idempotent); only a write of ours that the series already shows and
     * the write stage has not recorded yet is waited for.
     */
    private Uni<Void> occurrences(EventEnvelope<GraphNotification> env, LinkedSeries series, OfficeEvent master,
            Read asRead, boolean waitForOwnWrites) {
        List<OfficeEvent> read = asRead.occurrences();
        // no occurrences read is a series whose occurrences the user deleted, the last one just now: judged
        if (series == null || read == null) {
            return Uni.createFrom().voidItem();
        }
        GraphNotification n = env.data;
        EventLinkEntity link = series.link();
        Long stamped = master.writtenVersionOf(link.id.activityId);
        if (stamped != null && stamped > link.pushedVersion && waitForOwnWrites) {
            return Uni.createFrom().failure(new OwnWriteNotRecorded("the series holds our write of version " + stamped
                    + ", not recorded yet (version " + link.pushedVersion + " is)"));
        }
        if (stamped != null && stamped < link.pushedVersion && asRead.predates(link) && waitForOwnWrites) {
            // its occurrences, older than the series we wrote since, would be taken for the user's changes
            return Uni.createFrom().failure(new OwnWriteNotRecorded("the series was read (holding version " + stamped
                    + ") before our write of version " + link.pushedVersion + " was recorded: read again"));
        }
        EventContent written = writtenThere(series, stamped);
        LocalDate[] window = window();
        List<SeriesView.Difference> differences;
        if (written != null) {
            differences = SeriesView.differences(written, read, window[0], window[1]);
        } else if (deletionsJudgeable(series, master, stamped)) {
            differences = SeriesView.differences(series.content(), read, window[0], window[1]).stream()
                    .filter(d -> d instanceof SeriesView.Missing).toList();
        } else {
            return Uni.createFrom().voidItem();
        }
        if (differences.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return FirmProjection.read(n.firmId()).chain(firm -> {
            List<InboundEffect> effects = withUsersSeries(OccurrenceRules.effects(n.userId(), link.toDomain(),
                    toLinked(series.activity(), link.pushedVersion), permission(firm, n.userId(), true),
                    permission(firm, n.userId(), false), series.content().timeZone(), link.eventId, differences),
                    master);
            LOG.debugf("series %s in %s's mailbox: %s -> %s", link.eventId, n.user(), differences, effects);
            return InOrder.each(effects, effect -> apply(env, effect, master, link));
        });
    }

    /**
     * The series now holds the user's occurrence changes, which its commands carry with its change key: the link
     * takes that key (only if it still holds the one read; a write of ours recorded meanwhile keeps its own). The
     * versions the commands make are then held there, not written, unless a write of ours landed on top of the
     * user's changes (one planned before them, which put their occurrences back): then they are written over it.
     */
    private static List<InboundEffect> withUsersSeries(List<InboundEffect> effects, OfficeEvent master) {
        if (master.changeKey() == null
                || effects.stream().noneMatch(e -> e instanceof InboundEffect.OccurrenceCommand)) {
            return effects;
        }
        List<InboundEffect> all = new ArrayList<>(effects);
        all.add(new InboundEffect.RecordChangeKey(master.changeKey()));
        return all;
    }

    /**
     * Whether the user's deleted occurrences can still be told when what we wrote to the series is not known: the
     * series holds a write of ours of the activity's current version that was never recorded (it is judged so only
     * once the notification waited for that record as long as it may), and its master shows that version. The write
     * may have stopped halfway, so a changed occurrence may be one it did not reach; but no write of ours removes an
     * occurrence the activity keeps (a cancelled occurrence cannot come back, and the pattern is the activity's), so
     * a missing one is the user's deletion. Before, it was not judged at all: the activity kept the occurrence for
     * everyone while the user's calendar had lost it for good.
     */
    private static boolean deletionsJudgeable(LinkedSeries series, OfficeEvent master, Long stamped) {
        return stamped != null && stamped > series.link().pushedVersion && stamped == series.activity().version
                && SeriesView.masterShows(series.content(), master);
    }

    /**
     * The series as the mailbox holds it from us, as the write stage recorded it; null when that is not known: the
     * series shows a write of ours that was never recorded (judged as it stands: it may have failed halfway, and
     * an occurrence it did not reach would be taken for the user's change), or the link was recorded before the
     * written series was kept and a newer version is on its way.
     */
    private static EventContent writtenThere(LinkedSeries series, Long stamped) {
        EventLinkEntity link = series.link();
        if (stamped != null && stamped > link.pushedVersion) {
            return null;
        }
        EventContent written = link.writtenSeries();
        if (written != null) {
            return written;
        }
        return series.activity().version > link.pushedVersion ? null : series.content();
    }

    /**
     * The same change of an occurrence judged twice yields the same command id. It carries the series' change key
     * as read ({@code changeKey}), so the version it makes is planned for this mailbox too, held there while the
     * series still holds that key (PushPlanner, WriteTarget HELD), written back over a write of ours otherwise.
     */
    private static ExportedEvent occurrenceCommand(GraphNotification n, InboundEffect.OccurrenceCommand c,
            String changeKey) {
        ActivityCommand cmd = new ActivityCommand(StableIds.command(c.type(), n.userId(), n.eventId() + "|"
                + c.originalStart(), c.version()), c.type(), c.activityId(), null, n.userId(), c.fields(), null,
                new ActivityCommand.GraphLink(n.mailbox(), n.eventId(), null, changeKey), Instant.now(),
                c.originalStart());
        return SyncEvents.command(n.firmId(), Origin.office365(n.userId(), n.mailbox(), changeKey), cmd);
    }

    /**
     * The notification as naming the event by the id the read answered: the immutable id the worker links by, also
     * when the notification named a regular id (a subscription made without the immutable-id preference).
     */
    private static EventEnvelope<GraphNotification> naming(EventEnvelope<GraphNotification> env, String eventId) {
        GraphNotification n = env.data;
        if (eventId == null || eventId.equals(n.eventId())) {
            return env;
        }
        EventEnvelope<GraphNotification> named = EventEnvelope.of(env.source, env.type, env.subject, env.firmId,
                env.origin(), new GraphNotification(n.kind(), n.userId(), n.firmId(), n.mailbox(), n.subscriptionId(),
                        n.changeType(), n.lifecycleEvent(), n.resource(), eventId, n.changeKey(), n.receivedAt()));
        named.id = env.id;
        named.time = env.time;
        return named;
    }

    /** Applied once: the notification is claimed first; processed after all, its dead letters no longer stand. */
    private Uni<Void> claimed(EventEnvelope<GraphNotification> env, java.util.function.Supplier<Uni<Void>> work) {
        return ProcessedEvent.firstTime(env.id).chain(first -> first
                ? work.get().chain(() -> deadLetters.settled(env.data)) : Uni.createFrom().voidItem());
    }

    /**
     * A changed event, as notified or as found by a delta round (in the caller's transaction); a series master comes
     * with its {@code occurrences} as read.
     */
    private Uni<Void> changed(EventEnvelope<GraphNotification> env, OfficeEvent event, List<OfficeEvent> occurrences,
            Read read, boolean waitForOwnWrites) {
        GraphNotification n = env.data;
        // read back holding exactly what one of our writes left (a notification without a change key, or read
        // again while waiting for the write stage): our echo, whatever the links say yet
        return WrittenChange.isOurs(n.user(), event.eventId(), event.changeKey()).chain(ours -> ours
                ? Uni.createFrom().voidItem() : judgeChanged(env, event, occurrences, read, waitForOwnWrites));
    }

    private Uni<Void> judgeChanged(EventEnvelope<GraphNotification> env, OfficeEvent event,
            List<OfficeEvent> occurrences, Read read, boolean waitForOwnWrites) {
        GraphNotification n = env.data;
        return EventLinks.of(n.user(), event.eventId()).chain(link -> context(n, event, link, read.predates(link),
                waitForOwnWrites)
                .chain(context -> apply(env, madeInOutlook(effects(n, InboundRules.changed(context), event, link),
                        event, occurrences), event, link)));
    }

    /**
     * A series made in Outlook becomes one recurring activity: the occurrences already changed or deleted there
     * follow its create as occurrence commands (OccurrenceRules.madeInOutlook).
     */
    private List<InboundEffect> madeInOutlook(List<InboundEffect> effects, OfficeEvent event,
            List<OfficeEvent> occurrences) {
        if (!event.seriesMaster() || occurrences == null || occurrences.isEmpty()) {
            return effects;
        }
        return effects.stream().filter(e -> e instanceof InboundEffect.Command c
                && c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE).findFirst().map(create -> {
                    LocalDate[] window = window();
                    List<InboundEffect> all = new java.util.ArrayList<>(effects);
                    all.addAll(OccurrenceRules.madeInOutlook(((InboundEffect.Command) create).newActivityId(), event,
                            occurrences, window[0], window[1]));
                    return all;
                }).orElse(effects);
    }

    /** What the rules need to know of a changed event, loaded step by step in the caller's session. */
    private static Uni<InboundContext> context(GraphNotification n, OfficeEvent event, EventLinkEntity link,
            boolean linkRecordedSinceRead, boolean waitForOwnWrites) {
        Uni<FirmProjection> firm = FirmProjection.read(n.firmId());
        return firm.chain(f -> linkedActivity(link).chain(activity -> sameMeeting(n.user(), link, event)
                .chain(same -> writtenByUs(n, event, link).map(ours -> new InboundContext(n.userId(), event,
                        link == null ? null : link.toDomain(), link == null ? null : link.changeKey, activity,
                        same == null ? null : same.activity(), same != null && same.ours(), settings(f),
                        f == null ? null : f.createNewSince, permission(f, n.userId(), true), waitForOwnWrites,
                        ours, linkRecordedSinceRead)))));
    }

    /** An unlinked event without our property (a delta answer) that one of our writes was answered with. */
    private static Uni<Boolean> writtenByUs(GraphNotification n, OfficeEvent event, EventLinkEntity link) {
        return link != null || event.stampedActivity() != null ? Uni.createFrom().item(Boolean.FALSE)
                : WrittenChange.anyFor(n.user(), event.eventId());
    }

    /** A deleted event found by a delta round (in the caller's transaction): the round is recorded as it stands. */
    Uni<Void> deleted(EventEnvelope<GraphNotification> env) {
        return deleted(env, false);
    }

    /** A deleted event, as notified or as read (in the caller's transaction). */
    private Uni<Void> deleted(EventEnvelope<GraphNotification> env, boolean waitForOwnWrites) {
        GraphNotification n = env.data;
        return EventLinks.of(n.user(), n.eventId()).chain(link -> FirmProjection.read(n.firmId())
                .chain(firm -> linkedActivity(link).chain(activity -> (link == null && waitForOwnWrites
                        ? WrittenChange.anyFor(n.user(), n.eventId()) : Uni.createFrom().item(Boolean.FALSE))
                        .map(madeByUs -> InboundRules.deleted(n.userId(), link == null ? null : link.toDomain(),
                                activity, settings(firm), permission(firm, n.userId(), false),
                                link != null && link.deletingSince != null, madeByUs, waitForOwnWrites)))
                        // the deletion-burst valve (issue 18): beyond the firm's threshold it is held, not applied
                        .chain(d -> deletionHold.held(n, d, link, firm).chain(held -> held
                                ? Uni.createFrom().voidItem() : apply(env, effects(n, d, null, link), null, link)))));
    }

    private static List<InboundEffect> effects(GraphNotification n, InboundDecision d, OfficeEvent event,
            EventLinkEntity link) {
        LOG.debugf("%s in %s's mailbox (activity %s, changeKey %s, recorded %s): %s (%s)", n.eventId(), n.user(),
                d.activityId(), event == null ? null : event.changeKey(), link == null ? null : link.changeKey, d.kind(),
                d.reason());
        return InboundEffects.of(d, n.eventId(), event, link == null ? null : link.toDomain());
    }

    private Uni<Void> apply(EventEnvelope<GraphNotification> env, List<InboundEffect> effects, OfficeEvent event,
            EventLinkEntity link) {
        return InOrder.each(effects, effect -> apply(env, effect, event, link));
    }

    private Uni<Void> apply(EventEnvelope<GraphNotification> env, InboundEffect effect, OfficeEvent event,
            EventLinkEntity link) {
        GraphNotification n = env.data;
        if (effect instanceof InboundEffect.AwaitOwnWrite await) {
            return Uni.createFrom().failure(new OwnWriteNotRecorded(await.reason()));
        }
        if (effect instanceof InboundEffect.RecordChangeKey recorded) {
            return EventLinks.recordChangeKey(link.id, link.changeKey, recorded.changeKey()).invoke(done -> {
                if (!done) {
                    LOG.debugf("%s in %s's mailbox: a write of ours was recorded since the change was read; its"
                            + " change key stays, and the change's version is written back over it", n.eventId(),
                            n.user());
                }
            }).replaceWithVoid();
        }
        if (effect instanceof InboundEffect.Unlink) {
            return link == null ? Uni.createFrom().voidItem() : EventLinks.remove(link);
        }
        if (effect instanceof InboundEffect.Link l) {
            return EventLinks.link(l.activityId(), n.user(), l.role(), n.mailbox(), event, l.withChangeKey());
        }
        if (effect instanceof InboundEffect.Command c) {
            return publisher.publish(command(n, c, c.withContent() ? event : null));
        }
        if (effect instanceof InboundEffect.OccurrenceCommand c) {
            return publisher.publish(occurrenceCommand(n, c, event == null ? null : event.changeKey()));
        }
        if (effect instanceof InboundEffect.Replan r) {
            return plans.replan(r.activityId());
        }
        if (effect instanceof InboundEffect.Restore r) {
            return restore(env, r);
        }
        throw new IllegalStateException("unhandled inbound effect " + effect);
    }

    /** The same change judged twice yields the same command id: activity-service applies it once. */
    private static ExportedEvent command(GraphNotification n, InboundEffect.Command c, OfficeEvent event) {
        ActivityCommand cmd = new ActivityCommand(StableIds.command(c.type(), n.userId(), n.eventId(), c.version()),
                c.type(), c.activityId(), c.newActivityId(), n.userId(), event == null ? null : event.fields(), null,
                new ActivityCommand.GraphLink(n.mailbox(), n.eventId(), event == null ? null : event.iCalUId(),
                        event == null ? null : event.changeKey()),
                event == null || event.lastModified() == null ? Instant.now() : event.lastModified());
        return SyncEvents.command(n.firmId(), Origin.office365(n.userId(), n.mailbox(),
                event == null ? null : event.changeKey()), cmd);
    }

    /**
     * When Editing / When Deleting: RESTORE_EVENT. The activity's current version is written to this user's calendar
     * once more: over the event they edited, or as a new event in place of the one they deleted. It is the user's
     * op of a plan of the activity as it stands, sent as an update (the writer makes the event again when the link is
     * gone), with an op id of its own so that it is not taken for the write of that version done before.
     */
    private Uni<Void> restore(EventEnvelope<GraphNotification> env, InboundEffect.Restore r) {
        GraphNotification n = env.data;
        return ActivityProjection.<ActivityProjection>findById(r.activityId()).chain(a -> a == null || a.deleted
                ? Uni.createFrom().voidItem()
                : plans.decide(PlanService.asItStands(a)).chain(plan -> publisher.publish(plan.ops().stream()
                        .filter(op -> op.userId().equals(n.userId()) && op.op() != MailboxOp.OpType.DELETE
                                && op.role().name().equals(r.role().name()))
                        .map(op -> SyncEvents.op(n.firmId(), Origin.system(), new MailboxOp(
                                StableIds.restoreOp(n.eventId(), env.id), MailboxOp.OpType.UPDATE, op.userId(),
                                op.mailbox(), op.activityId(), op.activityVersion(), r.eventId(), op.content(), null,
                                null, op.role(), null)))
                        .toList())));
    }

    /**
     * The attendees' answers on a meeting we sent from this (the organizer's) mailbox become each Scheduled For
     * user's response status on the activity. Set every time the meeting changes: setting an answer is idempotent,
     * and the command id (per meeting version) lets activity-service apply it once.
     */
    private Uni<Void> answers(EventEnvelope<GraphNotification> env, ReadEvent read) {
        GraphNotification n = env.data;
        if (read.answers().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return EventLinks.organizerOf(n.user(), n.eventId()).chain(link -> link == null ? Uni.createFrom().voidItem()
                : FirmProjection.read(n.firmId()).chain(firm -> ActivityProjection
                        .<ActivityProjection>findById(link.id.activityId)
                        .chain(a -> firm == null || a == null || a.deleted ? Uni.createFrom().voidItem()
                                : publisher.publish(responses(n, firm, a, read)))));
    }

    private static List<ExportedEvent> responses(GraphNotification n, FirmProjection firm, ActivityProjection a,
            ReadEvent read) {
        OfficeEvent meeting = read.event();
        return MeetingResponses.byUser(read.answers(), firm.userIdsByEmail(), a.snapshot().scheduledFor(),
                n.userId()).entrySet().stream().map(answer -> {
                    String attendee = answer.getKey();
                    ActivityCommand cmd = new ActivityCommand(StableIds.responseCommand(attendee, n.eventId(),
                            meeting.changeKey()), ActivityCommand.Type.SET_RESPONSE_STATUS, a.activityId, null,
                            attendee, null, answer.getValue(), new ActivityCommand.GraphLink(n.mailbox(), n.eventId(),
                                    meeting.iCalUId(), meeting.changeKey()),
                            meeting.lastModified() == null ? Instant.now() : meeting.lastModified());
                    return SyncEvents.command(n.firmId(), Origin.office365(attendee, n.mailbox(),
                            meeting.changeKey()), cmd);
                }).toList();
    }

    private static Uni<LinkedActivity> linkedActivity(EventLinkEntity link) {
        if (link == null) {
            return Uni.createFrom().nullItem();
        }
        return ActivityProjection.<ActivityProjection>findById(link.id.activityId).map(p -> p == null || p.deleted
                ? null : toLinked(p, link.pushedVersion));
    }

    record SameMeeting(LinkedActivity activity, boolean ours) {
    }

    /** An activity another user's link ties to the same meeting (iCalUId), and whether we pushed that meeting. */
    private static Uni<SameMeeting> sameMeeting(UserKey user, EventLinkEntity link, OfficeEvent event) {
        if (link != null || event.iCalUId() == null) {
            return Uni.createFrom().nullItem();
        }
        return EventLinks.ofMeeting(user, event.iCalUId()).chain(others -> {
            if (others.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            EventLinkEntity other = others.stream().filter(l -> "ORGANIZER".equals(l.id.role)).findFirst()
                    .orElse(others.get(0));
            return ActivityProjection.<ActivityProjection>findById(other.id.activityId).map(p -> p == null
                    || p.deleted ? null : new SameMeeting(toLinked(p, other.pushedVersion),
                            "ORGANIZER".equals(other.id.role)));
        });
    }

    private static LinkedActivity toLinked(ActivityProjection p, long pushedVersion) {
        var a = p.snapshot();
        return new LinkedActivity(a.id(), a.createdBy(), a.organizerId(), a.scheduledFor(), p.version, p.appModifiedAt,
                pushedVersion);
    }

    private static Office365Settings settings(FirmProjection firm) {
        return firm == null ? Office365Settings.defaults() : firm.settings();
    }

    private static Permission permission(FirmProjection firm, String userId, boolean edit) {
        if (firm == null) {
            return Permission.NONE;
        }
        FirmUser user = firm.user(userId);
        Permission permission = user == null ? null : edit ? user.edit() : user.delete();
        return permission == null ? Permission.NONE : permission;
    }
}
