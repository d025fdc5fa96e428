package io.kubeling.controllers;

import io.kubeling.registry.WriteOptions;

/**
 * The write options of each simulated component, whose field manager names it in managedFields
 * as kube's own binaries are named there.
 */
public final class Managers {

    public static final WriteOptions KUBELET = new WriteOptions(false, "kubelet");
    public static final WriteOptions SCHEDULER = new WriteOptions(false, "kube-scheduler");
    /** The apiextensions controllers, which run in kube-apiserver. */
    public static final WriteOptions KUBE_APISERVER = new WriteOptions(false, "kube-apiserver");
    public static final WriteOptions CONTROLLER_MANAGER = new WriteOptions(false, "kube-controller-manager");

    private Managers() {
    }

    /** The writer of an event recorded by {@code component} (an event source such as {@code kubelet}). */
    static WriteOptions forComponent(String component) {
        return switch (component) {
            case "kubelet" -> KUBELET;
            case "default-scheduler" -> SCHEDULER;
            default -> CONTROLLER_MANAGER;
        };
    }
}
