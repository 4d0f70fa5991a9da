package io.docketsync.activity.api;

import io.docketsync.activity.domain.ActivityValidation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/** Bad input, answered as an RFC 7807 problem naming each field. */
public class ValidationProblem extends RuntimeException {
    private final List<ActivityValidation.Violation> violations;

    public ValidationProblem(List<ActivityValidation.Violation> violations) {
        super("the activity is not valid");
        this.violations = violations;
    }

    @Provider
    public static class Mapper implements ExceptionMapper<ValidationProblem> {
        @Override
        public Response toResponse(ValidationProblem e) {
            return Response.status(400).type(MediaType.valueOf("application/problem+json")).entity(Map.of(
                    "type", "https://docketsync.io/problems/invalid-activity",
                    "title", "The activity is not valid",
                    "status", 400,
                    "detail", String.join("; ", e.violations.stream().map(v -> v.field() + ": " + v.message()).toList()),
                    "errors", e.violations)).build();
        }
    }
}
