package io.docketsync.sync.api;

import io.docketsync.sync.deadletters.DeadLetterService;
import io.docketsync.sync.persistence.DeadLetterEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators' dead letters: every {@code <topic>.dlq} record, with its reason and whom it concerns, and its replay. */
@Path("/sync/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OperatorRole.NAME)
public class DeadLetterResource {
    static final int MAX_LIMIT = 1000;

    @Inject
    DeadLetterService deadLetters;

    /**
     * @param topic      the topic the record could not be processed from
     * @param activityId the activity it concerns (a notification's: the one its event was linked to), when known
     * @param userId     the user it concerns; null when none or several (an activity change: each Scheduled For user)
     */
    public record DeadLetterView(String id, String topic, String key, String reason, String firmId, String activityId,
            String userId, String eventId, Instant createdAt, Instant replayedAt, Instant resolvedAt) {
        static DeadLetterView of(DeadLetterEntity e) {
            return new DeadLetterView(e.id, e.topic, e.messageKey, e.reason, e.firmId, e.activityId, e.userId,
                    e.eventId, e.createdAt, e.replayedAt, e.resolvedAt);
        }
    }

    /** One dead letter with the record as it was (what a replay publishes). */
    public record DeadLetterDetail(DeadLetterView letter, String dlqTopic, int dlqPartition, long dlqOffset,
            String payload) {
    }

    @GET
    @WithSession
    @Operation(summary = "Dead letters, newest first: of one topic (?topic=graph.notifications.v1, or its .dlq) and"
            + " one firm (?firm=) when named; at most ?limit= (default 200, at most 1000)")
    public Uni<List<DeadLetterView>> list(@QueryParam("topic") String topic, @QueryParam("firm") String firmId,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1 to " + MAX_LIMIT);
        }
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (topic != null && !topic.isBlank()) {
            params.add(topic.endsWith(".dlq") ? topic.substring(0, topic.length() - 4) : topic);
            where.add("topic = ?" + params.size());
        }
        if (firmId != null && !firmId.isBlank()) {
            params.add(firmId);
            where.add("firmId = ?" + params.size());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by createdAt desc, id";
        return DeadLetterEntity.<DeadLetterEntity>find(query, params.toArray()).page(0, limit).list()
                .map(found -> found.stream().map(DeadLetterView::of).toList());
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One dead letter, with the record (key and value) a replay publishes")
    public Uni<DeadLetterDetail> letter(@PathParam("id") String id) {
        return DeadLetterEntity.<DeadLetterEntity>findById(id).map(e -> {
            if (e == null) {
                throw new NotFoundException("no dead letter " + id);
            }
            return new DeadLetterDetail(DeadLetterView.of(e), e.dlqTopic, e.dlqPartition, e.dlqOffset, e.payload);
        });
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Publish the dead letter's record again to its topic, with its key, once (after fixing the"
            + " cause): a second replay sends nothing and says so (replayed=false); a replay that fails again is a new"
            + " dead letter. 409 when the record has no key or value to publish")
    public Uni<DeadLetterService.Replay> replay(@PathParam("id") String id) {
        return deadLetters.replay(id).onFailure(DeadLetterService.NotReplayable.class)
                .transform(e -> new ClientErrorException(e.getMessage(), 409)).map(r -> {
                    if (r == null) {
                        throw new NotFoundException("no dead letter " + id);
                    }
                    return r;
                });
    }
}
