package io.docketsync.sync.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;
import io.docketsync.sync.domain.InboundRules;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@Entity
@Table(name = "firm_projection")
public class FirmProjection extends PanacheEntityBase {
    @Id
    @Column(name = "firm_id")
    public String firmId;
    public long version;
    public String settings;
    public String users;
    /** When two-way sync was turned on: Outlook events created before then do not come over (InboundRules). */
    @Column(name = "create_new_since")
    public Instant createNewSince;
    /** The row's xmin (the transaction that wrote it), never written: whether the row changed since it was read. */
    @Formula("xmin::text")
    public String rowVersion;

    /**
     * The firm as projected (not managed: read to plan or judge with), or null when unknown; one statement on the
     * reactive SQL client. Its settings and list of users (tens of KB for a firm of hundreds) are sent only when the
     * row changed since this worker last read it, which its xmin (the transaction that wrote it) says: otherwise the
     * firm read then is answered, so a change's cost does not grow with its firm's size. Shared between readers:
     * not to be changed.
     */
    public static Uni<FirmProjection> read(SqlClient client, String firmId) {
        Known known = KNOWN.get(firmId);
        return Sql.execute(client, READ, Tuple.of(firmId, known == null ? "" : known.row()))
                .map(rows -> rows.rowCount() == 0 ? null : answer(firmId, known, rowOf(rows.iterator().next())));
    }

    /**
     * {@link #read(SqlClient, String)} in the caller's Hibernate session, on its connection. HQL, not native SQL:
     * Hibernate caches a native select's plan under a key its result mapping never equals again, so every execution
     * planned anew and added to a cache whose entries for the statement all share one hash (about 9 % of the
     * worker's CPU in the benchmark's inbound phase).
     */
    public static Uni<FirmProjection> read(String firmId) {
        Known known = KNOWN.get(firmId);
        return Panache.getSession().chain(session -> session.createSelectionQuery(READ_HQL, Object[].class)
                .setParameter("firm", firmId).setParameter("known", known == null ? "" : known.row()).getResultList())
                .map(rows -> rows.isEmpty() ? null : answer(firmId, known, rowOf(rows.get(0))));
    }

    private static final String READ = """
            SELECT xmin::text, version, create_new_since,
                   CASE WHEN xmin::text = $2 THEN NULL ELSE settings END,
                   CASE WHEN xmin::text = $2 THEN NULL ELSE users END
            FROM firm_projection WHERE firm_id = $1""";
    private static final String READ_HQL = """
            select f.rowVersion, f.version, f.createNewSince,
                   case when f.rowVersion = :known then null else f.settings end,
                   case when f.rowVersion = :known then null else f.users end
            from FirmProjection f where f.firmId = :firm""";

    /** One row of {@link #READ} or {@link #READ_HQL}: its text is null when the row is the one known. */
    private record Read(String row, long version, Instant createNewSince, String settings, String users) {
    }

    private static Read rowOf(Row r) {
        OffsetDateTime since = r.getOffsetDateTime(2);
        return new Read(r.getString(0), r.getLong(1), since == null ? null : since.toInstant(), r.getString(3),
                r.getString(4));
    }

    private static Read rowOf(Object[] r) {
        return new Read((String) r[0], (Long) r[1], (Instant) r[2], (String) r[3], (String) r[4]);
    }

    private static FirmProjection answer(String firmId, Known known, Read read) {
        if (known != null && read.row().equals(known.row())) {
            return known.firm();
        }
        FirmProjection f = new FirmProjection();
        f.firmId = firmId;
        f.version = read.version();
        f.createNewSince = read.createNewSince();
        f.rowVersion = read.row();
        f.settings = read.settings();
        f.users = read.users();
        KNOWN.put(firmId, new Known(read.row(), f));
        return f;
    }

    /** A firm as {@link #read} last read it, with the row version (xmin) it was read at. */
    private record Known(String row, FirmProjection firm) {
    }

    private static final Map<String, Known> KNOWN = new ConcurrentHashMap<>();

    /** The firm's new state, saved at {@code at}. */
    public void apply(SettingsChanged s, Instant at) {
        createNewSince = InboundRules.createNewSince(settings == null ? null : settings(), createNewSince,
                s.settings(), at);
        firmId = s.firmId();
        version = s.version();
        settings = EventCodec.toJson(s.settings());
        users = EventCodec.toJson(s.users());
    }

    /**
     * The firm's settings, read once per firm and text: every change is planned and judged with them, and they
     * change rarely (an immutable record, so it can be shared).
     */
    public Office365Settings settings() {
        Settings cached = SETTINGS.get(firmId);
        if (cached != null && cached.json().equals(settings)) {
            return cached.read();
        }
        Office365Settings read = read(settings, new TypeReference<Office365Settings>() { });
        if (firmId != null && settings != null) {
            SETTINGS.put(firmId, new Settings(settings, read));
        }
        return read;
    }

    /** The settings read from a firm's settings text, kept with that text. */
    private record Settings(String json, Office365Settings read) {
    }

    private static final Map<String, Settings> SETTINGS = new ConcurrentHashMap<>();

    public List<FirmUser> users() {
        return read(users, new TypeReference<List<FirmUser>>() { });
    }

    /**
     * Every firm user's e-mail address by user id. Read once per firm and list: the plan stage needs it for every
     * change, and a firm's list of hundreds of users changes rarely.
     */
    public Map<String, String> emails() {
        return directory().emailByUser();
    }

    /** The firm user with this id, or null; from the same once-read list (the inbound rules' permissions). */
    public FirmUser user(String userId) {
        return directory().byId().get(userId);
    }

    /** Firm user ids by e-mail address (the last user listed with an address has it). */
    public Map<String, String> userIdsByEmail() {
        return directory().userByEmail();
    }

    private Directory directory() {
        if (users == null) {
            return Directory.EMPTY;
        }
        Directory cached = DIRECTORIES.get(firmId);
        if (cached != null && cached.usersJson().equals(users)) {
            return cached;
        }
        Map<String, FirmUser> byId = new HashMap<>();
        Map<String, String> emailByUser = new HashMap<>();
        Map<String, String> userByEmail = new HashMap<>();
        for (FirmUser u : users()) {
            byId.put(u.userId(), u);
            emailByUser.put(u.userId(), u.email());
            userByEmail.put(u.email(), u.userId());
        }
        Directory read = new Directory(users, Collections.unmodifiableMap(byId),
                Collections.unmodifiableMap(emailByUser), Collections.unmodifiableMap(userByEmail));
        if (firmId != null) {
            DIRECTORIES.put(firmId, read);
        }
        return read;
    }

    /** A firm's list of users as read from its text, kept with that text. */
    private record Directory(String usersJson, Map<String, FirmUser> byId, Map<String, String> emailByUser,
            Map<String, String> userByEmail) {
        static final Directory EMPTY = new Directory(null, Map.of(), Map.of(), Map.of());
    }

    private static final Map<String, Directory> DIRECTORIES = new ConcurrentHashMap<>();

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable firm projection: " + e.getMessage(), e);
        }
    }
}
