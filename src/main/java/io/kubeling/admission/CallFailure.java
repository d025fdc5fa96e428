package io.kubeling.admission;

/**
 * A webhook that could not be called or answered something kube cannot read: kube's ErrCallingWebhook, which
 * the failure policy decides on. The message follows kube's {@code failed calling webhook "x": } prefix.
 */
final class CallFailure extends RuntimeException {

    CallFailure(String reason) {
        super(reason, null, false, false);
    }

    String message(Webhook hook) {
        return "failed calling webhook \"" + hook.name() + "\": " + getMessage();
    }
}
