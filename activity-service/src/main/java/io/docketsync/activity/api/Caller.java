package io.docketsync.activity.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The calling user and their firm, from the bearer token ({@code sub}, {@code firm}). A copy of
 * settings-service's Caller (without the admin check this service does not need): services share no code
 * beyond event-contracts.
 */
@RequestScoped
public class Caller {
    @Inject
    JsonWebToken jwt;

    public String userId() {
        return jwt.getSubject();
    }

    public String firmId() {
        String firm = jwt.getClaim("firm");
        if (firm == null || firm.isBlank()) {
            throw new ForbiddenException("the bearer token names no firm (claim 'firm')");
        }
        return firm;
    }
}
