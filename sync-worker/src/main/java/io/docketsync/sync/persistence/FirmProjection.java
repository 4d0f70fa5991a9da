package io.docketsync.sync.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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

    /**
     * The firm as projected (not managed: read to plan with), or null when unknown; one statement on the reactive
     * SQL client. Its settings and list of users (tens of KB for a firm of hundreds) are sent only when the row
     * changed since this worker last read it, which its xmin (the transaction that wrote it) says: otherwise the
     * firm read then is answered, so a change's cost does not grow with its firm's size. Shared between readers:
     * not to be changed.
     */
    public static Uni<FirmProjection> read(SqlClient client, String firmId) {
        Known known = KNOWN.get(firmId);
        String knownRow = known == null ? "" : known.row();
        return Sql.execute(client, """
                SELECT xmin::text, version, create_new_since,
                       CASE WHEN xmin::text = $2 THEN NULL ELSE settings END,
                       CASE WHEN xmin::text = $2 THEN NULL ELSE users END
                FROM firm_projection WHERE firm_id = $1""", Tuple.of(firmId, knownRow)).map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    String row = r.getString(0);
                    if (known != null && row.equals(knownRow)) {
                        return known.firm();
                    }
                    FirmProjection f = new FirmProjection();
                    f.firmId = firmId;
                    f.version = r.getLong(1);
                    OffsetDateTime since = r.getOffsetDateTime(2);
                    f.createNewSince = since == null ? null : since.toInstant();
                    f.settings = r.getString(3);
                    f.users = r.getString(4);
                    KNOWN.put(firmId, new Known(row, f));
                    return f;
                });
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
        if (users == null) {
            return Map.of();
        }
        Emails cached = EMAILS.get(firmId);
        if (cached != null && cached.usersJson().equals(users)) {
            return cached.byUser();
        }
        Map<String, String> byUser = new HashMap<>();
        for (FirmUser u : users()) {
            byUser.put(u.userId(), u.email());
        }
        Map<String, String> read = Collections.unmodifiableMap(byUser);
        EMAILS.put(firmId, new Emails(users, read));
        return read;
    }

    /** The addresses read from a firm's list of users, kept with that list. */
    private record Emails(String usersJson, Map<String, String> byUser) {
    }

    private static final Map<String, Emails> EMAILS = new ConcurrentHashMap<>();

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable firm projection: " + e.getMessage(), e);
        }
    }
}
