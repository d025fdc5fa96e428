package io.kubeling.registry;

import java.util.List;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;

/**
 * The Status a remote command's error channel carries at its end, as the kubelet's streaming
 * server writes it: {@code Success}, or {@code NonZeroExitCode} with the code as an
 * {@code ExitCode} cause, which kubectl turns into {@code command terminated with exit code N}.
 */
public final class ProcessExits {

    private ProcessExits() {
    }

    public static Status success() {
        Status status = bare();
        status.setMetadata(new ListMeta());
        status.setStatus("Success");
        return status;
    }

    /** A process that ended with {@code code}, 0 being success; the message is containerd's. */
    public static Status exited(List<String> command, int code) {
        if (code == 0) {
            return success();
        }
        Status status = bare();
        status.setMetadata(new ListMeta());
        status.setStatus("Failure");
        status.setReason("NonZeroExitCode");
        status.setMessage("command terminated with non-zero exit code: error executing command "
                + "[" + String.join(" ", command) + "], exit code " + code);
        StatusDetails details = new StatusDetails();
        details.setCauses(List.of(new StatusCause(null, String.valueOf(code), "ExitCode")));
        status.setDetails(details);
        return status;
    }

    /** An error that ended the session, without the type fields, as the error channel carries it. */
    public static Status error(StatusException e) {
        Status status = e.status();
        Status copy = bare();
        copy.setMetadata(new ListMeta());
        copy.setStatus("Failure");
        copy.setMessage(status.getMessage());
        copy.setReason(status.getReason());
        copy.setDetails(status.getDetails());
        copy.setCode(status.getCode());
        return copy;
    }

    /** A Status without its type fields, as kube marshals the one the error channel carries. */
    private static Status bare() {
        Status status = new Status();
        status.setApiVersion(null);
        status.setKind(null);
        return status;
    }

    /** The exit code a Status names: 0 for success, the ExitCode cause, or -1 for another failure. */
    public static int exitCode(Status status) {
        if ("Success".equals(status.getStatus())) {
            return 0;
        }
        if ("NonZeroExitCode".equals(status.getReason()) && status.getDetails() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                if ("ExitCode".equals(cause.getReason())) {
                    return Integer.parseInt(cause.getMessage());
                }
            }
        }
        return -1;
    }
}
