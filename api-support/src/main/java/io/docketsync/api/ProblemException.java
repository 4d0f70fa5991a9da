package io.docketsync.api;

import java.util.List;

/** Ends a request with a problem response. */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    /** An endpoint's own kind of problem with a constant title (see {@link Problem#of(int, String, String)}). */
    public ProblemException(int status, String title, String detail) {
        this(Problem.of(status, title, detail));
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(List<Violation> violations) {
        return new ProblemException(Problem.invalid(ProblemType.INVALID_INPUT, violations));
    }

    public static ProblemException badRequest(String field, String message) {
        return badRequest(List.of(new Violation(field, message)));
    }

    public static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw badRequest(violations);
        }
    }

    public static ProblemException unknownReferences(List<Violation> violations) {
        return new ProblemException(Problem.invalid(ProblemType.UNKNOWN_REFERENCE, violations));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what);
    }

    public static ProblemException forbidden(String why) {
        return new ProblemException(ProblemType.FORBIDDEN, why);
    }

    public static ProblemException unauthenticated(String why) {
        return new ProblemException(ProblemType.UNAUTHENTICATED, why);
    }

    public static ProblemException preconditionFailed(String why) {
        return new ProblemException(ProblemType.STALE_VERSION, why);
    }
}
