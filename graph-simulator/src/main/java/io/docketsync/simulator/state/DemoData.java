package io.docketsync.simulator.state;

/** DESIGN.md section 5: the tenant and mailboxes the local run and the tests rely on (fixed ids). */
public final class DemoData {
    public static final String TENANT_ID = "6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f";
    public static final String TENANT_DOMAIN = "halemarsh.test";
    public static final String ALICE_ID = "a11ce000-0000-4000-8000-000000000001";
    public static final String BOB_ID = "b0b00000-0000-4000-8000-000000000002";
    public static final String CAROL_ID = "ca201000-0000-4000-8000-000000000003";
    public static final String DAVE_ID = "da7e0000-0000-4000-8000-000000000004";

    private DemoData() {
    }

    public static void load(Directory directory) {
        directory.addTenant(TENANT_ID, TENANT_DOMAIN);
        directory.addUser(ALICE_ID, "alice@" + TENANT_DOMAIN, "Alice Hale", false);
        directory.addUser(BOB_ID, "bob@" + TENANT_DOMAIN, "Bob Marsh", false);
        directory.addUser(CAROL_ID, "carol@" + TENANT_DOMAIN, "Carol Reed", false);
        // dave's mailbox lives on an Exchange server on-premises: Graph's calendar API refuses it
        directory.addUser(DAVE_ID, "dave@" + TENANT_DOMAIN, "Dave Stone", true);
    }
}
