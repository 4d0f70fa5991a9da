package io.docketsync.sync.jobs;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.Origin;
import io.docketsync.outbox.ExportedEvent;
import io.docketsync.sync.domain.Calendar;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.ImportSelection;
import io.docketsync.sync.domain.InboundEffect;
import io.docketsync.sync.domain.OccurrenceRules;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.PushMyCalendar;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.messaging.SyncPublisher;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.InOrder;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.SyncJob;
import io.docketsync.sync.plan.PlanService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The jobs a user starts from User Settings. "Push my calendar to 365" plans a create in the user's calendar for
 * every selected activity that is not there yet, tagged with the job so the writer counts it; "Import from 365"
 * reads the user's calendar (outside any transaction) and turns the selected events into activities. A job is done
 * once, however often it is requested; running the button twice does only what the first run did not.
 */
@ApplicationScoped
public class JobService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(JobService.class);
    @Inject
    PlanService plans;
    @Inject
    SyncPublisher publisher;
    @Inject
    Calendar calendar;
    Clock clock = Clock.systemUTC();

    /** What a job found before it starts: done already (null), or the user's connection (null mailbox: none). */
    private record Start(String mailbox) {
    }

    public Uni<Void> requested(JobRequested job) {
        return Panache.withSession(() -> ProcessedEvent.seen(Set.of(claimKey(job)))
                .chain(seen -> seen.isEmpty() ? SyncJob.<SyncJob>findById(job.jobId()) : Uni.createFrom().item(new SyncJob()))
                .chain(existing -> existing != null ? Uni.createFrom().<Start>nullItem()
                        : MailboxConnectionEntity.<MailboxConnectionEntity>findById(job.user())
                                .map(m -> new Start(m == null || m.state != ConnectionState.CONNECTED ? null : m.mailbox))))
                .chain(start -> {
                    if (start == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (start.mailbox() == null) {
                        return inTransaction(job, row -> finish(row, JobProgress.State.FAILED, "not connected to "
                                + "Office 365: connect in User Settings > Office 365, then "
                                + (job.kind() == JobKind.IMPORT_FROM_OFFICE365 ? "import" : "push") + " again"));
                    }
                    return job.kind() == JobKind.IMPORT_FROM_OFFICE365 ? importFrom365(job, start.mailbox())
                            : pushMyCalendar(job, start.mailbox());
                });
    }

    private static String claimKey(JobRequested job) {
        return "job:" + job.jobId();
    }

    /** The job's work in one transaction that claims it: a second delivery does nothing. */
    private static Uni<Void> inTransaction(JobRequested job, java.util.function.Function<SyncJob, Uni<Void>> work) {
        return Panache.withTransaction(() -> ProcessedEvent.firstTime(claimKey(job)).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            SyncJob row = new SyncJob();
            row.jobId = job.jobId();
            row.kind = job.kind();
            row.userId = job.userId();
            row.firmId = job.firmId();
            row.updatedAt = Instant.now();
            return work.apply(row);
        }));
    }

    /**
     * The mailbox's events in the range are read first (outside the transaction): an event that already carries our
     * property naming one of the selected activities (a mailbox connected again, or one the user used before) is
     * linked and updated instead of made a second time (issue 18).
     */
    private Uni<Void> pushMyCalendar(JobRequested job, String mailbox) {
        LocalDate from = job.from() != null ? job.from() : PushMyCalendar.defaultFrom(LocalDate.now(clock));
        LocalDate to = job.to() != null ? job.to() : from.plusYears(2);
        return calendar.calendarView(job.user(), mailbox, from, to)
                .chain(events -> asSeries(job, mailbox, events, from, to)).map(Read::events)
                // unreadable (throttled past patience, no such mailbox): pushed as before, without relinking
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("push job %s: %s's calendar could not be read (%s); nothing of ours is relinked",
                            job.jobId(), job.user(), e.getMessage());
                    return List.of();
                })
                .chain(events -> inTransaction(job, row -> pushMyCalendar(job, row, mailbox,
                        PushMyCalendar.ours(events))));
    }

    private Uni<Void> pushMyCalendar(JobRequested job, SyncJob row, String mailbox, Map<String, OfficeEvent> ours) {
        LocalDate from = job.from() != null ? job.from() : PushMyCalendar.defaultFrom(LocalDate.now(clock));
        return EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and id.userId = ?2", job.firmId(), job.userId())
                .map(links -> links.stream().map(l -> l.id.activityId).collect(Collectors.toSet()))
                .chain(linked -> ActivityProjection.<ActivityProjection>list("firmId = ?1 and deleted = false",
                        job.firmId()).map(all -> selected(all, job, from, linked)))
                .chain(activities -> opsFor(job, activities))
                .chain(ops -> relinked(job, mailbox, ops, ours))
                .chain(ops -> {
                    row.total = ops.size();
                    List<ExportedEvent> events = ops.stream()
                            .map(op -> SyncEvents.op(job.firmId(), Origin.app(job.userId()), op)).toList();
                    return publisher.publish(events).chain(() -> finish(row, ops.isEmpty()
                            ? JobProgress.State.COMPLETED : JobProgress.State.RUNNING, null));
                });
    }

    /**
     * A create of an activity whose event the mailbox already holds (our property names it) links that event and
     * becomes an update of it, still counted by the job: no duplicate, and the event shows the current version.
     */
    private static Uni<List<MailboxOp>> relinked(JobRequested job, String mailbox, List<MailboxOp> ops,
            Map<String, OfficeEvent> ours) {
        List<MailboxOp> result = new ArrayList<>();
        return InOrder.each(ops, op -> {
            OfficeEvent there = op.op() == MailboxOp.OpType.CREATE ? ours.get(op.activityId()) : null;
            if (there == null) {
                result.add(op);
                return Uni.createFrom().voidItem();
            }
            result.add(new MailboxOp(op.opId(), MailboxOp.OpType.UPDATE, op.userId(), op.mailbox(), op.activityId(),
                    op.activityVersion(), there.eventId(), op.content(), op.responseStatus(), op.jobId(), op.role(),
                    op.unlessChangeKey()));
            return EventLinks.of(job.user(), there.eventId()).chain(existing -> existing != null
                    ? Uni.createFrom().voidItem()
                    : EventLinks.link(op.activityId(), job.user(), EventLink.Role.valueOf(op.role().name()), mailbox,
                            there, true));
        }).replaceWith(result);
    }

    private static List<ActivitySnapshot> selected(List<ActivityProjection> all, JobRequested job, LocalDate from,
            Set<String> linked) {
        return all.stream().map(ActivityProjection::snapshot)
                .filter(a -> PushMyCalendar.selects(a, job.userId(), from, job.to(), linked)).toList();
    }

    /**
     * The user's own writes of each activity's plan; meetings organized by others reach them as invitations. All
     * planned at once ({@link PlanService#decideAll}): planned one by one, a push of thousands of activities read
     * their links and connections thousands of times.
     */
    private Uni<List<MailboxOp>> opsFor(JobRequested job, List<ActivitySnapshot> activities) {
        List<EventEnvelope<ActivityChanged>> changes = activities.stream().map(a -> EventEnvelope.of(SyncEvents.SOURCE,
                ActivityChanged.TYPE, a.id(), a.firmId(), Origin.app(job.userId()),
                new ActivityChanged(ActivityChanged.ChangeType.UPDATED, a, List.of()))).toList();
        return plans.decideAll(job.firmId(), changes).map(plans -> plans.stream().flatMap(plan -> plan.ops().stream())
                .filter(op -> op.userId().equals(job.userId()) && op.op() == MailboxOp.OpType.CREATE)
                // the job's own op id: the same create planned on save may be done already, and the job must still
                // count it (the writer skips what the mailbox already holds)
                .map(op -> new MailboxOp(StableIds.jobOp(op.opId(), job.jobId()), op.op(), op.userId(), op.mailbox(),
                        op.activityId(), op.activityVersion(), op.eventId(), op.content(), op.responseStatus(),
                        job.jobId(), op.role(), op.unlessChangeKey()))
                .toList());
    }

    /**
     * "Import from 365": the date range of the user's calendar read through Graph; each selected event becomes a
     * CREATE_FROM_OFFICE command linked to it (the link is kept first, so a re-run skips it and the new activity's
     * change is not pushed back). Activity ids follow from the event, so an import racing a notification for the
     * same event still makes one activity.
     */
    private Uni<Void> importFrom365(JobRequested job, String mailbox) {
        LocalDate from = job.from() != null ? job.from() : LocalDate.now(clock).minusDays(30);
        LocalDate to = job.to() != null ? job.to() : from.plusYears(1);
        return calendar.calendarView(job.user(), mailbox, from, to)
                .chain(events -> asSeries(job, mailbox, events, from, to))
                .onFailure().recoverWithNull() // reported as the job's failure, with the reason
                .chain(read -> inTransaction(job, row -> read == null
                        ? finish(row, JobProgress.State.FAILED, "Office 365 could not be read: try the import again")
                        : importEvents(job, row, mailbox, read, from, to)));
    }

    /** The range's events, series as their masters, and each series' occurrences by master id. */
    record Read(List<OfficeEvent> events, Map<String, List<OfficeEvent>> occurrences) {
    }

    /**
     * calendarView answers a series as its occurrences: a series is imported as one recurring activity, made from
     * its master (read once per series), never as a pile of single activities. Its occurrences are read a week
     * beyond each side of the range, so that one moved across the range's edge is still matched by original start.
     */
    private Uni<Read> asSeries(JobRequested job, String mailbox, List<OfficeEvent> events, LocalDate from,
            LocalDate to) {
        List<OfficeEvent> singles = events.stream().filter(e -> !e.occurrence()).toList();
        List<String> masters = events.stream().filter(OfficeEvent::occurrence).map(e -> e.series().masterId())
                .filter(Objects::nonNull).distinct().toList();
        List<OfficeEvent> all = new ArrayList<>(singles);
        Map<String, List<OfficeEvent>> occurrences = new HashMap<>();
        return InOrder.each(masters, id -> calendar.read(job.user(), mailbox, id).chain(master -> master.isEmpty()
                ? Uni.createFrom().voidItem()
                : calendar.instances(job.user(), mailbox, master.get().event().eventId(),
                        from.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        to.plusDays(8).atStartOfDay(ZoneOffset.UTC).toInstant()).invoke(instances -> {
                            all.add(master.get().event());
                            occurrences.put(master.get().event().eventId(), instances);
                        }).replaceWithVoid()))
                .replaceWith(() -> new Read(all, occurrences));
    }

    private Uni<Void> importEvents(JobRequested job, SyncJob row, String mailbox, Read read, LocalDate from,
            LocalDate to) {
        List<OfficeEvent> events = read.events();
        // the user's own links, and any link to one of these meetings (invitations of meetings we pushed)
        List<String> meetingIds = events.stream().map(OfficeEvent::iCalUId).filter(Objects::nonNull).distinct().toList();
        var linksQuery = meetingIds.isEmpty()
                ? EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and id.userId = ?2", job.firmId(), job.userId())
                : EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and (id.userId = ?2 or iCalUId in ?3)",
                        job.firmId(), job.userId(), meetingIds);
        return linksQuery.chain(links -> {
            Set<String> linkedEvents = links.stream().filter(l -> l.id.userId.equals(job.userId()))
                    .map(l -> l.eventId).collect(Collectors.toSet());
            Set<String> meetings = links.stream().filter(l -> l.iCalUId != null).map(l -> l.iCalUId)
                    .collect(Collectors.toSet());
            List<OfficeEvent> toImport = ImportSelection.select(events, job.prefix(), linkedEvents, meetings).toImport();
            row.total = toImport.size();
            row.done = row.total;
            return InOrder.each(toImport, e -> importEvent(job, mailbox, e, read.occurrences()
                    .getOrDefault(e.eventId(), List.of()), from, to))
                    .chain(() -> finish(row, JobProgress.State.COMPLETED, null));
        });
    }

    /** A series comes with the exceptions it already has there, as occurrence commands after its create. */
    private Uni<Void> importEvent(JobRequested job, String mailbox, OfficeEvent e, List<OfficeEvent> occurrences,
            LocalDate from, LocalDate to) {
        String activityId = StableIds.activityFromEvent(e.eventId());
        ActivityCommand cmd = new ActivityCommand(StableIds.importCommand(job.userId(), e.eventId()),
                ActivityCommand.Type.CREATE_FROM_OFFICE, null, activityId, job.userId(), e.fields(), null,
                new ActivityCommand.GraphLink(mailbox, e.eventId(), e.iCalUId(), e.changeKey()),
                e.lastModified() == null ? Instant.now() : e.lastModified());
        Origin origin = Origin.office365(job.userId(), mailbox, e.changeKey());
        List<ExportedEvent> commands = new ArrayList<>();
        commands.add(SyncEvents.command(job.firmId(), origin, cmd));
        for (InboundEffect.OccurrenceCommand c : OccurrenceRules.madeInOutlook(activityId, e, occurrences, from, to)) {
            commands.add(SyncEvents.command(job.firmId(), origin, new ActivityCommand(
                    StableIds.importCommand(job.userId(), e.eventId() + "|" + c.originalStart()), c.type(),
                    activityId, null, job.userId(), c.fields(), null, cmd.link(), cmd.modifiedAt(),
                    c.originalStart())));
        }
        return EventLinks.link(activityId, job.user(), EventLink.Role.COPY, mailbox, e, true)
                .chain(() -> publisher.publish(commands));
    }

    private Uni<Void> finish(SyncJob row, JobProgress.State state, String error) {
        row.finish(state, error);
        return row.persist().chain(() -> publisher.publish(SyncEvents.progress(row.firmId, row.progress())));
    }
}
