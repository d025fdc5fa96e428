package io.kubeling.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.kubeling.registry.Errors;
import io.kubeling.registry.StatusException;

/** Every failure reaches the client as a v1 Status with kube's code, reason and message. */
@RestControllerAdvice(assignableTypes = {ResourceController.class, DiscoveryController.class, ServerInfoController.class,
        SimulatedTimeEndpoint.class})
class StatusErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(StatusErrorHandler.class);

    private final ResponseWriter writer;
    private final HeapExhaustion heap;

    StatusErrorHandler(ResponseWriter writer, HeapExhaustion heap) {
        this.writer = writer;
        this.heap = heap;
    }

    @ExceptionHandler(StatusException.class)
    ResponseEntity<byte[]> status(StatusException e, HttpServletRequest request) {
        Object recorded = request.getAttribute(ResourceController.RECORDED_WARNINGS);
        @SuppressWarnings("unchecked")
        List<String> warnings = recorded instanceof List<?> list ? (List<String>) list : List.of();
        ResponseEntity<byte[]> answer = writer.writeLenient(request, new ApiResponse(e.code(), e.status(), warnings));
        Integer retryAfter = e.status().getDetails() == null ? null : e.status().getDetails().getRetryAfterSeconds();
        if (retryAfter == null) {
            return answer;
        }
        // kube says when to come back in a header as well as in the Status
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header("Retry-After", retryAfter.toString()).body(answer.getBody());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return status(Errors.methodNotAllowed(), request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<byte[]> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return status(Errors.notFoundPath(), request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<byte[]> unexpected(RuntimeException e, HttpServletRequest request) {
        StatusException unreachable = Errors.unreachableStorage(e);
        if (unreachable != null) {
            return status(unreachable, request);
        }
        heap.notice(e);
        // Only the exception's type and frames: its message may quote the request body, and a body may hold secrets.
        log.error("request {} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getClass().getName(),
                withoutMessages(e));
        return status(Errors.internal(e.getClass().getSimpleName() + ": " + e.getMessage()), request);
    }

    /** A copy of {@code e} and its causes with their types and frames but none of their messages. */
    static Throwable withoutMessages(Throwable e) {
        return withoutMessages(e, 32);
    }

    private static Throwable withoutMessages(Throwable e, int depth) {
        Throwable cause = e.getCause();
        Throwable copy = new Throwable(e.getClass().getName(), cause == null || cause == e || depth == 0 ? null
                : withoutMessages(cause, depth - 1));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
