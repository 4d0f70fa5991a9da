package io.docketsync.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of a Graph call in Graph's shape: {"error":{"code","message","innerError":{...}}}. */
public class GraphErrors {
    @Inject
    ObjectMapper json;
    @Inject
    RequestInfo request;

    @ServerExceptionMapper
    public Response graph(GraphException e) {
        return response(e);
    }

    @ServerExceptionMapper
    public Response notFound(jakarta.ws.rs.NotFoundException e) {
        return response(GraphException.badRequest("Resource not found for the segment in the request URL."));
    }

    @ServerExceptionMapper
    public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        return response(new GraphException(400, "BadRequest", "Unable to read JSON request payload. Please ensure "
                + "Content-Type header is set and payload is of valid JSON format."));
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(jakarta.ws.rs.NotAllowedException e) {
        return response(new GraphException(405, "Request_BadRequest", "The HTTP method is not allowed for this resource."));
    }

    public Response response(GraphException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).entity(body(e.code(), e.getMessage()))
                .type(MediaType.APPLICATION_JSON);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    public ObjectNode body(String code, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        if (request.requestId() == null) {
            // failures before the Graph filter ran (no route matched) still carry ids
            request.requestId(java.util.UUID.randomUUID().toString());
        }
        String requestId = request.requestId();
        inner.put("request-id", requestId);
        inner.put("client-request-id", request.clientRequestId() == null ? requestId : request.clientRequestId());
        return body;
    }
}
