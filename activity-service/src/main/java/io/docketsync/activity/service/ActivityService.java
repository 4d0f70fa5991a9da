package io.docketsync.activity.service;

import static io.docketsync.activity.service.CallerChecks.refuseUnless;
import static io.docketsync.activity.service.CallerChecks.requireActiveUser;
import static io.docketsync.activity.service.CallerChecks.requireKnownUsers;
import static io.docketsync.api.ProblemException.requireValid;

import io.docketsync.activity.domain.ActivityDraft;
import io.docketsync.activity.domain.ActivityPermissions;
import io.docketsync.activity.domain.ActivityValidation;
import io.docketsync.activity.domain.MergedPage;
import io.docketsync.activity.domain.OrganizerDefault;
import io.docketsync.activity.domain.PushDefault;
import io.docketsync.activity.domain.Series;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.FirmContext;
import io.docketsync.activity.persistence.FirmDirectory;
import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.activity.persistence.SyncStatusEntity;
import io.docketsync.api.Caller;
import io.docketsync.api.ETags;
import io.docketsync.api.ProblemException;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.recurrence.Occurrence;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The activities of the caller's firm: loads what a change needs (the activity, the firm's users, permissions and
 * connections), asks the domain's rules (validation, permissions, defaults), stores the result and records it
 * (history line and activity.changes.v1 event through the outbox, origin APP and the acting user).
 *
 * <p>Every method runs in the session (and, for changes, the transaction) its caller opened, but {@link #create}:
 * it stores a new activity in a transaction of its own, and needs its caller's session (opened on demand) only to
 * read a firm that is not kept. Failures are {@link ProblemException}s: 400 invalid, 403 not allowed, 404 not the
 * caller's firm's, 409 a cancelled occurrence brought back, 412 stale, 422 unknown users.
 * The caller is read from its token only after the input is judged, as before: a bad body is a 400 first.
 */
@ApplicationScoped
public class ActivityService {
    @Inject
    ActivityPublisher publisher;
    @Inject
    FirmDirectory directory;
    @Inject
    Pool pool;

    /**
     * A new activity by the caller: 'pushToOffice365' absent takes the firm's Always Push setting of the kind, an
     * appointment's organizer absent is the creator when connected to Office 365.
     */
    public Uni<ActivitiesRead> create(Caller caller, ActivityDraft draft) {
        requireValid(ActivityValidation.check(draft));
        String firmId = caller.firmId();
        String userId = caller.userId();
        return directory.firm(firmId).chain(firm -> {
            requireActiveUser(firm, userId);
            requireKnownUsers(draft, firm, List.of());
            ActivityEntity a = new ActivityEntity();
            a.id = UUID.randomUUID().toString();
            a.firmId = firmId;
            a.createdBy = userId;
            a.apply(draft.withPush(PushDefault.forNew(draft.kind(), firm.settings(), draft.pushToOffice365()))
                    .withOrganizer(OrganizerDefault.forNew(draft.kind(), draft.organizerId(), userId,
                            firm.connected(userId))));
            a.appModifiedAt = Instant.now();
            // the activity, its history line and its event in one transaction on the SQL client: nothing to load
            // or flush, so a session's work per statement would be most of the save's cost
            return pool.withTransaction(connection -> a.insert(connection)
                    .chain(() -> publisher.changed(connection, ActivityChanged.ChangeType.CREATED, a, List.of(),
                            Origin.app(userId), "created", Series.describeChange(null, draft))))
                    .map(ignored -> new ActivitiesRead(List.of(a), firm, Map.of())); // new: no sync status yet
        });
    }

    /** One activity of the caller's firm. */
    public Uni<ActivitiesRead> get(Caller caller, String id) {
        String firmId = caller.firmId();
        return find(id, firmId).chain(a -> directory.firm(firmId).chain(firm -> read(List.of(a), firm)));
    }

    /**
     * Changes an activity to what {@code change} makes of its current content, when the caller's edit permission
     * covers it and {@code ifMatch} (optional) is its version; the result must be valid. {@code change} is applied
     * only after those checks, so its own failures (a patch that does not fit) come after them too.
     *
     * @param action the history's name of the change ("replaced", "patched")
     */
    public Uni<ActivitiesRead> update(Caller caller, String id, String ifMatch, UnaryOperator<ActivityDraft> change,
            String action) {
        String firmId = caller.firmId();
        String userId = caller.userId();
        return find(id, firmId).chain(a -> directory.firm(firmId).chain(firm -> {
            requireActiveUser(firm, userId);
            refuseUnless(ActivityPermissions.Action.EDIT, firm.editPermission(userId), userId, a);
            ETags.check(ifMatch, a.version, "the activity");
            ActivityDraft before = a.draft();
            ActivityDraft draft = change.apply(before);
            requireValid(ActivityValidation.check(draft));
            refuseBringingBack(Series.broughtBack(before, draft));
            List<String> previous = a.scheduledFor();
            List<String> alreadyNamed = new ArrayList<>(previous);
            if (a.organizerId != null) {
                alreadyNamed.add(a.organizerId);
            }
            requireKnownUsers(draft, firm, alreadyNamed);
            a.apply(draft.withPush(PushDefault.forUpdate(a.pushToOffice365, draft.pushToOffice365())));
            a.appModifiedAt = a.updatedAt;
            return publisher.changed(ActivityChanged.ChangeType.UPDATED, a, previous, Origin.app(userId), action,
                            Series.describeChange(before, draft))
                    .chain(() -> read(List.of(a), firm));
        }));
    }

    private static void refuseBringingBack(List<java.time.LocalDateTime> cancelled) {
        if (!cancelled.isEmpty()) {
            String which = cancelled.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "));
            throw new ProblemException(409, "A cancelled occurrence cannot come back", "Cancelled occurrence " + which
                    + " of this series cannot come back: Outlook cannot make a deleted occurrence again inside its "
                    + "series. Keep it in exceptions with \"cancelled\": true, or make a separate activity for it.");
        }
    }

    /** Deletes an activity when the caller's delete permission covers it and {@code ifMatch} (optional) is current. */
    public Uni<Void> delete(Caller caller, String id, String ifMatch) {
        String firmId = caller.firmId();
        String userId = caller.userId();
        return find(id, firmId).chain(a -> directory.firm(firmId).chain(firm -> {
            requireActiveUser(firm, userId);
            refuseUnless(ActivityPermissions.Action.DELETE, firm.deletePermission(userId), userId, a);
            ETags.check(ifMatch, a.version, "the activity");
            a.deleted = true;
            a.updatedAt = Instant.now();
            a.appModifiedAt = a.updatedAt;
            return publisher.changed(ActivityChanged.ChangeType.DELETED, a, a.scheduledFor(), Origin.app(userId),
                    "deleted");
        }));
    }

    /**
     * One page of a user's activities: those they are scheduled for that overlap the days (read as wall-clock days
     * in each activity's own zone), and unscheduled ones they created or organize; ordered by start, then id. With
     * both days given, a recurring activity is listed as its occurrences in those days (at most
     * {@link ActivityListing#maxOccurrences} in all, else 400 naming {@code to}); otherwise as one item.
     */
    public Uni<ActivityListing.Page> list(Caller caller, ActivityListing l) {
        String firmId = caller.firmId();
        // Scheduled For is a JSON array of user ids; user ids cannot hold quotes or %, so "id" matches one element.
        // An unscheduled activity (Scheduled For []) is listed for its creator and its organizer.
        StringBuilder q = new StringBuilder("firmId = :firm and deleted = false and (scheduledFor like :user escape '!'"
                + " or (scheduledFor = '[]' and (createdBy = :who or organizerId = :who)))");
        Parameters p = Parameters.with("firm", firmId).and("user", "%\"" + l.userId().replace("_", "!_") + "\"%")
                .and("who", l.userId());
        if (l.from() != null) {
            q.append(" and spanEnd > :from");
            p.and("from", l.from().atStartOfDay());
        }
        if (l.to() != null) {
            q.append(" and spanStart < :to");
            p.and("to", l.to().plusDays(1).atStartOfDay());
        }
        Sort order = Sort.by("spanStart").and("id");
        if (!l.expandsSeries()) {
            var query = ActivityEntity.<ActivityEntity>find(q.toString(), order, p).page(Page.of(l.page(), l.size()));
            return query.list().chain(items -> query.count().chain(total -> directory.firm(firmId)
                    .chain(firm -> read(items, firm))
                    .map(read -> new ActivityListing.Page(read, items.stream()
                            .map(a -> new ActivityListing.Item(a, null)).toList(), l.page(), l.size(), total))));
        }
        String singles = q + " and recurrence is null";
        return ActivityEntity.<ActivityEntity>list(q + " and recurrence is not null", order, p).chain(series -> {
            List<ActivityListing.Item> occurrences = occurrences(series, l);
            int offset = l.page() * l.size();
            int firstRank = MergedPage.firstRank(offset, occurrences.size());
            return ActivityEntity.<ActivityEntity>find(singles, order, p).count().chain(singleTotal -> {
                Uni<List<ActivityEntity>> stored = firstRank >= singleTotal ? Uni.createFrom().item(List.of())
                        : ActivityEntity.<ActivityEntity>find(singles, order, p)
                                .range(firstRank, offset + l.size() - 1).list();
                return stored.chain(fetched -> {
                    List<ActivityListing.Item> page = MergedPage.page(
                            fetched.stream().map(a -> new ActivityListing.Item(a, null)).toList(), firstRank,
                            occurrences, offset, l.size(), LISTING_ORDER);
                    List<ActivityEntity> shown = page.stream().map(ActivityListing.Item::activity).distinct().toList();
                    return directory.firm(firmId).chain(firm -> read(shown, firm))
                            .map(read -> new ActivityListing.Page(read, page, l.page(), l.size(),
                                    singleTotal + occurrences.size()));
                });
            });
        });
    }

    /** By start (a single activity's span start, an occurrence's start), then activity id, then original start. */
    private static final Comparator<ActivityListing.Item> LISTING_ORDER = Comparator
            .comparing((ActivityListing.Item i) -> i.occurrence() == null ? i.activity().spanStart : i.occurrence().start())
            .thenComparing(i -> i.activity().id)
            .thenComparing(i -> i.occurrence() == null ? null : i.occurrence().originalStart(),
                    Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The series' occurrences in the listing's days, in listing order; 400 naming {@code to} past the limit. */
    private static List<ActivityListing.Item> occurrences(List<ActivityEntity> series, ActivityListing l) {
        List<ActivityListing.Item> found = new ArrayList<>();
        for (ActivityEntity a : series) {
            for (Occurrence o : Series.overlapping(a.draft(), l.from(), l.to(), l.maxOccurrences() - found.size())) {
                found.add(new ActivityListing.Item(a, o));
            }
            if (found.size() > l.maxOccurrences()) {
                throw ProblemException.badRequest("to", "the days " + l.from() + " to " + l.to() + " hold more than "
                        + l.maxOccurrences() + " occurrences of recurring activities: ask for fewer days");
            }
        }
        found.sort(LISTING_ORDER);
        return found;
    }

    /** The activity's history, oldest first; kept (and answered) after the activity is deleted. */
    public Uni<List<HistoryEntity>> history(Caller caller, String id) {
        String firmId = caller.firmId();
        return ActivityEntity.<ActivityEntity>findById(id).chain(a -> {
            if (a == null || !a.firmId.equals(firmId)) {
                throw ProblemException.notFound("no activity " + id);
            }
            return HistoryEntity.<HistoryEntity>list("activityId = ?1 order by id", id);
        });
    }

    /** The activity when it is the firm's and not deleted; else 404, never 403 (no hint it exists). */
    private static Uni<ActivityEntity> find(String id, String firmId) {
        return ActivityEntity.<ActivityEntity>findById(id).map(a -> {
            if (a == null || a.deleted || !a.firmId.equals(firmId)) {
                throw ProblemException.notFound("no activity " + id);
            }
            return a;
        });
    }

    /** The activities with each Scheduled For user's sync status (one query; none for no activities). */
    private static Uni<ActivitiesRead> read(List<ActivityEntity> activities, FirmContext firm) {
        if (activities.isEmpty()) {
            return Uni.createFrom().item(new ActivitiesRead(List.of(), firm, Map.of()));
        }
        List<String> ids = activities.stream().map(a -> a.id).distinct().toList();
        // native SQL: Hibernate translates an HQL query with a list parameter again at every execution (every save)
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select * from sync_status where activity_id in (:ids)", SyncStatusEntity.class)
                .setParameter("ids", ids).getResultList()).map(statuses -> {
            Map<String, SyncStatusEntity> byKey = new HashMap<>();
            statuses.forEach(s -> byKey.put(s.id, s));
            return new ActivitiesRead(activities, firm, byKey);
        });
    }
}
