package io.kubeling.controllers.kubelet;

import java.util.ArrayList;
import java.util.List;

import io.kubeling.controllers.kubelet.shell.ShellEvaluator;

/**
 * A container whose command the image does not have cannot start: runc fails to exec it, and the
 * kubelet reports containerd's message as a StartError (exit code 128).
 */
final class StartErrors {

    private StartErrors() {
    }

    /** containerd's message when the instance's process cannot be started, or null when it can. */
    static String of(ContainerRun c) {
        if (c.image == null) {
            return null;
        }
        List<String> argv = new ArrayList<>(c.spec.getCommand().isEmpty() ? c.image.entrypoint() : c.spec.getCommand());
        argv.addAll(c.spec.getCommand().isEmpty() && c.spec.getArgs().isEmpty() ? c.image.cmd() : c.spec.getArgs());
        if (argv.isEmpty()) {
            return null;
        }
        String program = argv.get(0);
        if (ShellEvaluator.implemented(program) || c.image.has(program)
                || (program.contains("/") && c.fs != null && c.fs.exists(program))) {
            return null;
        }
        String reason = program.contains("/") ? "stat " + program + ": no such file or directory"
                : "exec: \"" + program + "\": executable file not found in $PATH";
        return "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc "
                + "create failed: unable to start container process: error during container init: " + reason
                + ": unknown";
    }
}
