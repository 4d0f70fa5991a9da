package io.docketsync.local;

import io.docketsync.testsupport.AppTokens;
import java.nio.file.Path;

/** Prints a bearer token for a demo user of the local run: {@code deploy/local/run.sh token alice}. */
public final class Token {
    private Token() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: deploy/local/run.sh token <alice|bob|carol|dave>");
            System.exit(2);
        }
        try {
            var user = DemoUsers.find(args[0]);
            AppTokens tokens = AppTokens.inFolder(Path.of(".local", "keys"), AppTokens.LOCAL_ISSUER);
            System.out.println(tokens.token(user.id(), DemoUsers.FIRM, user.roles()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
