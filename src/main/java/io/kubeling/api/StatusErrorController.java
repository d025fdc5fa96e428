package io.kubeling.api;

import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.registry.StatusException;
import io.swagger.v3.oas.annotations.Hidden;

/** Errors raised outside the API's handlers answer with a v1 Status too, never Spring's error body. */
@RestController
@Hidden
class StatusErrorController implements ErrorController {

    private final ResponseWriter writer;

    StatusErrorController(ResponseWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("/error")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        StatusException status = ErrorStatuses.of(code instanceof Integer c ? c : 404);
        // the error dispatch bypasses EdgeFilter: read `pretty` from the query string, never from a form body
        return writer.writeLenient(new QueryStringRequest(request),
                new ApiResponse(status.code(), status.status(), List.of()));
    }
}
