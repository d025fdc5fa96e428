package io.kubeling.api;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.Errors;
import io.kubeling.registry.StatusException;

/**
 * The Status for an error code reached outside the API's handlers (an unmapped path, a request the
 * servlet container refused), with the reason and message kube's NewGenericServerResponse gives it.
 */
final class ErrorStatuses {

    private ErrorStatuses() {
    }

    static StatusException of(int code) {
        return switch (code) {
            case 400 -> Errors.badRequest("the server rejected our request for an unknown reason");
            case 404 -> Errors.notFoundPath();
            case 405 -> Errors.methodNotAllowed();
            case 406 -> Errors.notAcceptable("the server was unable to respond with a content type that the client "
                    + "supports");
            case 413 -> Errors.tooLarge("the server has rejected the request because it is too large");
            case 415 -> Errors.unsupportedMediaType("the server does not support the media type transmitted in the "
                    + "request");
            case 500 -> Errors.error(500, "InternalError", "an error on the server has prevented the request from "
                    + "succeeding", new StatusDetails());
            case 503 -> Errors.error(503, "ServiceUnavailable", "the server is currently unable to handle the request",
                    new StatusDetails());
            default -> Errors.error(code, "", "the server responded with the status code " + code
                    + " but did not return more information", new StatusDetails());
        };
    }
}
