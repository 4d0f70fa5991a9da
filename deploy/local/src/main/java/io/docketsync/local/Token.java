package io.docketsync.local;

import io.docketsync.testsupport.AppTokens;
import java.nio.file.Path;
import java.util.List;

/** Prints a bearer token for a demo user of the local run ({@code deploy/local/run.sh token alice}), or for an operator
 * of the sync-worker ({@code deploy/local/run.sh token operator}). */
public final class Token {
    private static final String OPERATOR = "operator";

    private Token() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: deploy/local/run.sh token <alice|bob|carol|dave|operator>");
            System.exit(2);
        }
        try {
            AppTokens tokens = AppTokens.inFolder(Path.of(".local", "keys"),
                    // the containers (deploy/compose) take this key with an issuer of their own
                    System.getenv().getOrDefault("DOCKETSYNC_JWT_ISSUER", AppTokens.LOCAL_ISSUER));
            if (OPERATOR.equals(args[0])) {
                // the sync-worker's operator API (/sync/...): every firm's mailboxes, so a role no firm user has
                System.out.println(tokens.token(OPERATOR, DemoUsers.FIRM, List.of(OPERATOR)));
                return;
            }
            var user = DemoUsers.find(args[0]);
            System.out.println(tokens.token(user.id(), DemoUsers.FIRM, user.roles()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
