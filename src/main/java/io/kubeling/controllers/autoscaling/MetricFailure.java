package io.kubeling.controllers.autoscaling;

/**
 * One metric the controller could not compute: the error as kube wraps it, and the ScalingActive reason and message
 * it sets when no metric can be computed.
 */
final class MetricFailure extends RuntimeException {

    private final String reason;
    private final String conditionMessage;

    MetricFailure(String message, String reason, String conditionMessage) {
        super(message, null, false, false);
        this.reason = reason;
        this.conditionMessage = conditionMessage;
    }

    String reason() {
        return reason;
    }

    String conditionMessage() {
        return conditionMessage;
    }
}
