package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.Status;

/** A request failure carrying the v1 Status the client receives, as apimachinery's StatusError. */
public final class StatusException extends RuntimeException {

    private final transient Status status;

    public StatusException(Status status) {
        super(status.getMessage(), null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.getCode();
    }

    public String reason() {
        return status.getReason();
    }
}
