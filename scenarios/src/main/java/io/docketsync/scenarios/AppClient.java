package io.docketsync.scenarios;

import static io.restassured.RestAssured.given;

import io.restassured.config.RedirectConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the front end does for a user: the public REST APIs of settings-, activity- and connector-service. */
public final class AppClient {
    private final Docketsync system;

    public AppClient(Docketsync system) {
        this.system = system;
    }

    /** System Settings > Office 365, saved by an administrator. */
    public void saveSettings(String admin, boolean pushAppointments, boolean pushTasks, boolean organizer,
            boolean createNewFromOffice, String prefix) {
        saveSettings(admin, pushAppointments, pushTasks, organizer, createNewFromOffice, prefix,
                "REMOVE_FROM_SCHEDULED_FOR", "CREATE_EDITED_COPY");
    }

    /** The same with When Deleting and When Editing (REMOVE_FROM_SCHEDULED_FOR / CREATE_EDITED_COPY: the seed's). */
    public void saveSettings(String admin, boolean pushAppointments, boolean pushTasks, boolean organizer,
            boolean createNewFromOffice, String prefix, String whenDeleting, String whenEditing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("whenDeleting", whenDeleting);
        body.put("whenEditing", whenEditing);
        body.put("alwaysPushAppointments", pushAppointments);
        body.put("alwaysPushTasks", pushTasks);
        body.put("useOrganizerForActivities", organizer);
        body.put("createNewFromOffice", createNewFromOffice);
        body.put("createNewPrefix", prefix);
        given(system.as(admin, Docketsync.SETTINGS)).body(body).put("/settings/office365").then().statusCode(200);
        // the services learn settings from Kafka: what a user does next must meet the new ones, as it would
        // seconds later in real life
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Map<String, Object> mine = settings(admin);
            if (sameAt(mine, body) && inEffectEverywhere(admin)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the services did not apply the Office 365 settings " + body + " in 60 s");
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean sameAt(Map<String, Object> seen, Map<String, Object> wanted) {
        return wanted.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(seen.get(e.getKey()))));
    }

    /**
     * activity-service and the sync-worker both apply the firm's latest settings version, as a front end learns it
     * from GET /me (firmSettingsVersion, syncWorkerSettingsVersion) against the settings' ETag.
     */
    private boolean inEffectEverywhere(String admin) {
        String etag = given(system.as(admin, Docketsync.SETTINGS)).get("/settings/office365").header("ETag");
        long version = etag == null ? -1 : Long.parseLong(etag.replaceAll("[^0-9]", "").isEmpty() ? "-1"
                : etag.replaceAll("[^0-9]", ""));
        JsonPath me = me(admin);
        return me.getLong("firmSettingsVersion") >= version && me.getLong("syncWorkerSettingsVersion") >= version;
    }

    public Map<String, Object> settings(String user) {
        return given(system.as(user, Docketsync.SETTINGS)).get("/settings/office365").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    /** An administrator creates (or replaces) a firm user with the given permissions. */
    public void putUser(String admin, String userId, String displayName, boolean isAdmin, String edit, String delete) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", displayName);
        body.put("email", Docketsync.mailboxOf(userId));
        body.put("admin", isAdmin);
        body.put("edit", edit);
        body.put("delete", delete);
        body.put("active", true);
        int status = given(system.as(admin, Docketsync.SETTINGS)).body(body).put("/users/" + Docketsync.idOf(userId))
                .statusCode();
        if (status != 200 && status != 201) {
            throw new AssertionError("PUT /users/" + userId + " answered " + status);
        }
    }

    /**
     * User Settings > Office 365 > Connect, as a browser does it: POST connect for the authorization URL, follow
     * it to Entra ID (the simulator approves the user named by login_hint), which redirects to docketsync's
     * callback, which redirects to the front end. Answers the front end's URL (its query says connected,
     * refused or failed).
     */
    public URI connect(String user) {
        String authorize = given(system.as(user, Docketsync.CONNECTOR))
                .body(Map.of("loginHint", Docketsync.mailboxOf(user))).post("/connections/office365")
                .then().statusCode(200).extract().path("authorizationUrl");
        if (!authorize.contains("login_hint=")) {
            authorize += "&login_hint=" + Docketsync.mailboxOf(user).replace("@", "%40");
        }
        // each hop by hand: the browser goes to Entra ID, then to the callback, then to the front end
        URI at = URI.create(authorize);
        for (int hop = 0; hop < 5; hop++) {
            Response r = given().config(Docketsync.CONFIG.redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                    .urlEncodingEnabled(false).get(at.toString());
            if (r.statusCode() != 302 && r.statusCode() != 303) {
                throw new AssertionError("Connect for " + user + ": " + at + " answered " + r.statusCode() + ": "
                        + r.asString());
            }
            URI next = at.resolve(r.header("Location"));
            if (next.getPath().endsWith("/connections/office365/finished")) {
                return next;
            }
            at = next;
        }
        throw new AssertionError("Connect for " + user + " did not reach the front end in 5 redirects");
    }

    /** GET /connections/office365: the caller's state, mailbox, since and last error. */
    public Map<String, Object> connection(String user) {
        return given(system.as(user, Docketsync.CONNECTOR)).get("/connections/office365").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    public String connectionState(String user) {
        return given(system.as(user, Docketsync.CONNECTOR)).get("/connections/office365").then().statusCode(200)
                .extract().path("state");
    }

    public void disconnect(String user) {
        int status = given(system.as(user, Docketsync.CONNECTOR)).delete("/connections/office365").statusCode();
        if (status >= 300) {
            throw new AssertionError("disconnect " + user + " answered " + status);
        }
    }

    /** activity-service's /me: permissions and the green check. */
    public JsonPath me(String user) {
        return given(system.as(user, Docketsync.ACTIVITY)).get("/me").then().statusCode(200).extract().jsonPath();
    }

    public String create(String user, Map<String, Object> activity) {
        Response r = given(system.as(user, Docketsync.ACTIVITY)).body(activity).post("/activities");
        if (r.statusCode() != 201) {
            throw new AssertionError("POST /activities as " + user + " answered " + r.statusCode() + ": " + r.asString());
        }
        return r.path("id");
    }

    /** The activity as the user sees it, or null when it does not exist (404). */
    public JsonPath get(String user, String id) {
        Response r = given(system.as(user, Docketsync.ACTIVITY)).get("/activities/" + id);
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /activities/" + id + " answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath();
    }

    public Response patch(String user, String id, Map<String, Object> changes) {
        return given(system.as(user, Docketsync.ACTIVITY)).contentType("application/merge-patch+json").body(changes)
                .patch("/activities/" + id);
    }

    public void update(String user, String id, Map<String, Object> changes) {
        Response r = patch(user, id, changes);
        if (r.statusCode() != 200) {
            throw new AssertionError("PATCH /activities/" + id + " as " + user + " answered " + r.statusCode() + ": "
                    + r.asString());
        }
    }

    public int delete(String user, String id) {
        return given(system.as(user, Docketsync.ACTIVITY)).delete("/activities/" + id).statusCode();
    }

    /** The user's activities overlapping the days {@code from}..{@code to} (every page). */
    public List<Map<String, Object>> list(String user, String from, String to) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath p = given(system.as(user, Docketsync.ACTIVITY)).queryParam("user", Docketsync.idOf(user)).queryParam("from", from)
                    .queryParam("to", to).queryParam("page", page).queryParam("size", 200).get("/activities")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = p.getList("items");
            if (items == null) {
                throw new AssertionError("GET /activities answered no items: " + p.prettify());
            }
            all.addAll(items);
            if (items.size() < 200) {
                return all;
            }
        }
    }

    /** The Scheduled For entry of one user in an activity, or null. */
    public static Map<String, Object> scheduled(JsonPath activity, String user) {
        List<Map<String, Object>> users = activity.getList("scheduledFor");
        return users.stream().filter(u -> user.equals(u.get("userId"))).findFirst().orElse(null);
    }

    /** An appointment in {@code timeZone}, for the users, with push as given (null: the firm's default). */
    public static Map<String, Object> appointment(String subject, String start, String end, String timeZone,
            List<String> users, Boolean push) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", "APPOINTMENT");
        a.put("subject", subject);
        a.put("start", start);
        a.put("end", end);
        a.put("timeZone", timeZone);
        a.put("scheduledFor", users);
        if (push != null) {
            a.put("pushToOffice365", push);
        }
        return a;
    }

    public static Map<String, Object> task(String subject, String dueDate, String dueTime, String timeZone,
            List<String> users, Boolean push) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", "TASK");
        a.put("subject", subject);
        a.put("dueDate", dueDate);
        if (dueTime != null) {
            a.put("dueTime", dueTime);
        }
        a.put("timeZone", timeZone);
        a.put("scheduledFor", users);
        if (push != null) {
            a.put("pushToOffice365", push);
        }
        return a;
    }
}
