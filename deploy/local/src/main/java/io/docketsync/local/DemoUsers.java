package io.docketsync.local;

import java.util.List;

/** DESIGN.md section 5's demo users, as settings-service and the simulator load them. */
public final class DemoUsers {
    public static final String FIRM = "hale-marsh";

    public record DemoUser(String id, List<String> roles, String note) {
    }

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("alice", List.of("admin"), "admin; edit ANY, delete ANY"),
            new DemoUser("bob", List.of(), "edit OWN, delete OWN"),
            new DemoUser("carol", List.of(), "edit NONE, delete NONE"),
            new DemoUser("dave", List.of(), "mailbox on-premises: Office 365 refuses it"));

    private DemoUsers() {
    }

    public static DemoUser find(String id) {
        return ALL.stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no demo user '" + id + "'; demo users: " + ALL.stream().map(DemoUser::id).toList()));
    }
}
