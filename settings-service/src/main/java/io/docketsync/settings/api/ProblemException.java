package io.docketsync.settings.api;


import java.util.List;

/** Ends a request with a problem response. */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(List<Violation> violations) {
        return new ProblemException(Problem.invalid(400, "The request is not valid", violations));
    }

    public static ProblemException badRequest(String field, String message) {
        return badRequest(List.of(new Violation(field, message)));
    }

    public static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw badRequest(violations);
        }
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what));
    }

    public static ProblemException forbidden(String why) {
        return new ProblemException(Problem.of(403, "forbidden", "Not permitted", why));
    }

    public static ProblemException preconditionFailed(String why) {
        return new ProblemException(Problem.of(412, "stale-version", "The resource changed", why));
    }
}
