package io.docketsync.simulator.auth;

/** An OAuth 2.0 error as Entra ID's token endpoint answers it: error, AADSTS description, HTTP status. */
public class OAuthException extends RuntimeException {
    private final int status;
    private final String error;
    private final int aadsts;

    public OAuthException(int status, String error, int aadsts, String description) {
        super("AADSTS" + aadsts + ": " + description);
        this.status = status;
        this.error = error;
        this.aadsts = aadsts;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public int aadsts() {
        return aadsts;
    }

    public static OAuthException invalidGrant(int aadsts, String description) {
        return new OAuthException(400, "invalid_grant", aadsts, description);
    }

    public static OAuthException invalidRequest(int aadsts, String description) {
        return new OAuthException(400, "invalid_request", aadsts, description);
    }
}
