package io.kubeling.controllers.kubelet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.kubelet.shell.ShellEvaluator;
import io.kubeling.controllers.kubelet.shell.ShellHost;
import io.kubeling.registry.Timestamps;

/**
 * Takes one pod through its life on a simulated node, as the kubelet's pod worker does: sandbox
 * and IP, image pulls, init containers in order, app containers, probes, restarts with back-off,
 * and graceful termination. Runs only on the kubelet thread; every delay is simulated time.
 */
final class PodWorker {

    private static final HexFormat HEX = HexFormat.of();

    static final Duration SANDBOX = Duration.ofMillis(300);
    static final Duration CREATE = Duration.ofMillis(60);
    static final Duration START = Duration.ofMillis(40);
    static final Duration PULL_BASE = Duration.ofMillis(250);
    static final Duration PULL_FAILURE = Duration.ofMillis(400);
    static final Duration RESYNC = Duration.ofSeconds(1);
    static final Duration TERM_EXIT = Duration.ofMillis(100);
    private static final long PULL_BYTES_PER_SECOND = 150_000_000L;
    /** kube's podAttachAndMountTimeout: how long a sync waits for the volumes before it says so and tries again. */
    static final Duration ATTACH_AND_MOUNT_TIMEOUT = Duration.ofSeconds(123);

    final NodeKubelet node;
    final String uid;
    Pod pod;
    final List<ContainerRun> inits = new ArrayList<>();
    final List<ContainerRun> apps = new ArrayList<>();
    final List<ContainerRun> ephemerals = new ArrayList<>();
    Instant startTime;
    String podIP;
    boolean sandboxReady;
    boolean initialized;
    boolean terminating;
    boolean terminal;
    boolean finished;
    boolean destroyed;
    private boolean flushScheduled;
    /** The volumes to be attached before the sandbox is made, by their names in the pod, with their unique names. */
    Map<String, String> attachable = Map.of();
    private boolean waitingForVolumes;
    final Map<String, PodCondition> conditions = new HashMap<>();
    final PodSandbox sandbox;

    PodWorker(NodeKubelet node, Pod pod) {
        this.node = node;
        this.pod = pod;
        this.uid = pod.getMetadata().getUid();
        this.sandbox = new PodSandbox(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? node.hostPorts() : new PodSandbox.PortSpace());
        this.sandbox.worker = this;
        for (Container c : pod.getSpec().getInitContainers()) {
            inits.add(new ContainerRun(c, true));
        }
        for (Container c : pod.getSpec().getContainers()) {
            apps.add(new ContainerRun(c, false));
        }
        initialized = inits.isEmpty();
    }

    // ---- lifecycle

    /** A pod this node has just been given: report it, then create its sandbox. */
    void start() {
        startTime = node.time().now();
        for (ContainerRun c : inits) {
            c.waiting("PodInitializing", null);
        }
        for (ContainerRun c : apps) {
            c.waiting(inits.isEmpty() ? "ContainerCreating" : "PodInitializing", null);
        }
        markDirty();
        findAttachableVolumes();
        sandboxOnceVolumesAttached();
    }

    /** The pod's volumes that are attached to the node before it runs, reported in use from now on. */
    private void findAttachableVolumes() {
        attachable = node.port().attachableVolumes(pod);
        if (!attachable.isEmpty()) {
            node.volumesInUseChanged();
        }
    }

    /**
     * The sandbox is made once the Node lists every volume the pod needs attached, as the kubelet's sync waits for
     * its volume manager to attach and mount them; until then the containers wait in ContainerCreating, and each
     * wait that times out is told in a FailedMount event.
     */
    private void sandboxOnceVolumesAttached() {
        if (unattached().isEmpty()) {
            waitingForVolumes = false;
            later(SANDBOX, this::sandboxReady);
            return;
        }
        if (!waitingForVolumes) {
            waitingForVolumes = true;
            later(ATTACH_AND_MOUNT_TIMEOUT, this::attachAndMountTimedOut);
        }
    }

    /** The Node's attached volumes changed: a pod waiting for them may go on. */
    void volumesAttachedChanged() {
        if (waitingForVolumes && !terminating && !terminal) {
            sandboxOnceVolumesAttached();
        }
    }

    private void attachAndMountTimedOut() {
        if (!waitingForVolumes || terminating || terminal) {
            return;
        }
        String unattached = String.join(" ", unattached());
        node.port().event(pod, null, EventRecorder.WARNING, "FailedMount", "Unable to attach or mount volumes: "
                + "unmounted volumes=[" + unattached + "], unattached volumes=[" + unattached
                + "], failed to process volumes=[]: timed out waiting for the condition");
        later(ATTACH_AND_MOUNT_TIMEOUT, this::attachAndMountTimedOut);
    }

    /** The names in the pod of the volumes not yet attached, sorted. */
    private List<String> unattached() {
        if (attachable.isEmpty()) {
            return List.of();
        }
        return attachable.entrySet().stream().filter(e -> !node.attached().contains(e.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Whether the pod still uses its volumes: until it has ended, as the kubelet unmounts them then. */
    boolean usesVolumes() {
        return !attachable.isEmpty() && !terminal && !destroyed;
    }

    /**
     * The sandbox and its IP are reported with the next change of the containers, not on their own: the
     * kubelet writes the status it found at the start of a sync, and the sandbox is created, and the first
     * containers started, within the same sync.
     */
    private void sandboxReady() {
        if (terminating) {
            return;
        }
        podIP = Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? node.ip() : node.allocateIP(uid);
        sandboxReady = true;
        attachSandbox();
        advance();
    }

    private void attachSandbox() {
        if (!Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            sandbox.ip(podIP);
        }
        node.network().attach(sandbox);
    }

    /** A newer version of the pod: deletion, or a changed container image. */
    void update(Pod updated) {
        pod = updated;
        if (updated.getMetadata().getDeletionTimestamp() != null) {
            terminate();
            return;
        }
        List<Container> specs = new ArrayList<>(updated.getSpec().getInitContainers());
        specs.addAll(updated.getSpec().getContainers());
        for (Container spec : specs) {
            ContainerRun c = find(spec.getName());
            if (c == null || java.util.Objects.equals(c.spec.getImage(), spec.getImage())) {
                continue;
            }
            c.spec = spec;
            if (terminal) {
                continue;
            }
            if (c.running()) {
                c.restartAfterStop = true;
                stopContainer(c, "Container " + c.name + " definition changed, will be restarted");
            } else if (c.state == ContainerRun.State.WAITING && !c.busy) {
                c.needsStart = true;
                advance();
            }
        }
        startEphemerals(updated);
    }

    /** Ephemeral containers added through pods/ephemeralcontainers start at once, and are never restarted. */
    private void startEphemerals(Pod updated) {
        for (io.fabric8.kubernetes.api.model.EphemeralContainer e : updated.getSpec().getEphemeralContainers()) {
            if (find(e.getName()) != null) {
                continue;
            }
            ContainerRun c = new ContainerRun(EphemeralSpecs.asContainer(e), false);
            c.ephemeral = true;
            c.waiting("ContainerCreating", null);
            ephemerals.add(c);
            markDirty();
            if (!terminating && !terminal && sandboxReady) {
                startContainer(c);
            }
        }
    }

    /** The pod is gone from the API: drop everything at once. */
    void destroy() {
        destroyed = true;
        node.network().detach(sandbox);
        for (ContainerRun c : all()) {
            c.generation++;
            if (c.log != null) {
                c.log.end();
            }
        }
    }

    // ---- starting containers

    /** What the kubelet's sync does next: the first init container not done, else the app containers in order. */
    void advance() {
        if (destroyed || terminating || terminal || !sandboxReady) {
            return;
        }
        if (!initialized) {
            for (ContainerRun c : inits) {
                if (c.sidecar ? c.started : c.succeeded()) {
                    continue;
                }
                if (c.needsStart && !c.busy) {
                    startContainer(c);
                }
                return;
            }
            // App containers keep waiting as PodInitializing until they are created, as the kubelet reports them.
            initialized = true;
            markDirty();
        }
        for (ContainerRun c : inits) {
            if (c.sidecar && c.needsStart && !c.busy) {
                startContainer(c);
            }
        }
        for (ContainerRun c : apps) {
            if (c.busy) {
                return;
            }
            if (c.needsStart) {
                startContainer(c);
                if (c.busy) {
                    return;
                }
            }
        }
    }

    private void startContainer(ContainerRun c) {
        c.needsStart = false;
        String image = c.spec.getImage();
        ImageName name = ImageName.parse(image);
        if (name == null) {
            String message = "Failed to apply default image tag \"" + image + "\": couldn't parse image name \""
                    + image + "\": invalid reference format";
            c.waiting("InvalidImageName", message);
            event(c, EventRecorder.WARNING, "InspectFailed", message);
            event(c, EventRecorder.WARNING, "Failed", "Error: InvalidImageName");
            markDirty();
            return;
        }
        String policy = c.spec.getImagePullPolicy() == null ? "IfNotPresent" : c.spec.getImagePullPolicy();
        boolean present = node.images().contains(name.full());
        if (policy.equals("Never") && !present) {
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            c.waiting("ErrImageNeverPull", message);
            event(c, EventRecorder.WARNING, "ErrImageNeverPull", message);
            event(c, EventRecorder.WARNING, "Failed", "Error: ErrImageNeverPull");
            markDirty();
            return;
        }
        c.busy = true;
        if (present && !policy.equals("Always")) {
            event(c, EventRecorder.NORMAL, "Pulled", "Container image \"" + image + "\" already present on machine");
            create(c, name);
        } else {
            pull(c, name);
        }
    }

    private void pull(ContainerRun c, ImageName name) {
        String image = c.spec.getImage();
        event(c, EventRecorder.NORMAL, "Pulling", "Pulling image \"" + image + "\"");
        String refused = node.pullDenied(pod, name);
        String denied = refused != null ? refused : PullErrors.of(node.catalog().lookup(name), name);
        int gen = c.generation;
        if (denied != null) {
            later(PULL_FAILURE, () -> {
                if (c.generation != gen || terminating) {
                    return;
                }
                c.busy = false;
                c.pullFailures++;
                event(c, EventRecorder.WARNING, "Failed", "Failed to pull image \"" + image + "\": " + denied);
                event(c, EventRecorder.WARNING, "Failed", "Error: ErrImagePull");
                c.waiting("ErrImagePull", denied);
                markDirty();
                Duration backoff = Backoff.INITIAL.multipliedBy(1L << Math.min(5, c.pullFailures - 1));
                Duration wait = backoff.compareTo(Backoff.MAX) > 0 ? Backoff.MAX : backoff;
                later(RESYNC, () -> {
                    if (c.generation != gen || terminating || !"ErrImagePull".equals(c.waitingReason)) {
                        return;
                    }
                    c.waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
                    event(c, EventRecorder.NORMAL, "BackOff", "Back-off pulling image \"" + image + "\"");
                    event(c, EventRecorder.WARNING, "Failed", "Error: ImagePullBackOff");
                    markDirty();
                });
                later(wait, () -> {
                    if (c.generation != gen || terminating) {
                        return;
                    }
                    c.needsStart = true;
                    advance();
                });
            });
            return;
        }
        ImageCatalog.Image known = node.catalog().lookup(name).image();
        long size = known != null ? known.size() : name.size();
        Duration took = PULL_BASE.plusMillis(size * 1000 / PULL_BYTES_PER_SECOND);
        later(took, () -> {
            if (c.generation != gen || terminating) {
                c.busy = false;
                return;
            }
            node.images().add(name.full());
            c.pullFailures = 0;
            String d = GoDuration.format(took);
            event(c, EventRecorder.NORMAL, "Pulled", "Successfully pulled image \"" + image + "\" in " + d + " (" + d
                    + " including waiting). Image size: " + size + " bytes.");
            create(c, name);
        });
    }

    private void create(ContainerRun c, ImageName name) {
        int gen = c.generation;
        later(CREATE, () -> {
            if (c.generation != gen || terminating) {
                c.busy = false;
                return;
            }
            newInstance(c, name);
            event(c, EventRecorder.NORMAL, "Created", "Created container: " + c.name);
            int instance = c.generation;
            later(START, () -> {
                if (c.generation != instance || terminating) {
                    c.busy = false;
                    return;
                }
                String startError = StartErrors.of(c);
                if (startError != null) {
                    event(c, EventRecorder.WARNING, "Failed", "Error: " + startError);
                    c.startError = startError;
                    c.startedAt = node.time().now();
                    c.state = ContainerRun.State.RUNNING;
                    exited(c, 128);
                    return;
                }
                event(c, EventRecorder.NORMAL, "Started", "Started container " + c.name);
                c.state = ContainerRun.State.RUNNING;
                c.startedAt = node.time().now();
                c.busy = false;
                launch(c, name);
                LifecycleHandler postStart = c.spec.getLifecycle() == null ? null : c.spec.getLifecycle().getPostStart();
                if (postStart != null) {
                    c.inPostStart = true;
                    markDirty();
                    runHook(c, postStart, status -> {
                        c.inPostStart = false;
                        if (status != 0) {
                            event(c, EventRecorder.WARNING, "FailedPostStartHook", "PostStartHook failed");
                            c.restartAfterStop = true;
                            stopContainer(c, "FailedPostStartHook");
                            return;
                        }
                        afterPostStart(c);
                    });
                } else {
                    afterPostStart(c);
                }
            });
        });
    }

    private void newInstance(ContainerRun c, ImageName name) {
        c.generation++;
        if (c.terminated != null) {
            c.lastTerminated = c.terminated;
            c.terminated = null;
        }
        if (c.containerId != null) {
            c.restartCount++;
        }
        c.containerId = "containerd://" + hex64();
        c.reportedImage = name.full();
        c.imageId = name.imageId();
        c.ready = false;
        c.started = false;
        c.log = node.logs().open(uid, c.containerId);
        newFiles(c, name);
    }

    /** The instance's files: the image's, fresh, with the pod's volumes as they are. */
    private void newFiles(ContainerRun c, ImageName name) {
        ImageCatalog.Lookup lookup = name == null ? null : node.catalog().lookup(name);
        c.image = lookup == null ? null : lookup.image();
        c.fs = ContainerFiles.build(this, c, c.image);
    }

    private void launch(ContainerRun c, ImageName image) {
        int gen = c.generation;
        if (Boolean.TRUE.equals(c.spec.getStdin()) && InteractiveShell.readsCommands(ContainerProcesses.mainProcess(c))) {
            // a shell whose stdin is kept open waits for what an attached client types
            return;
        }
        ShellHost host = shellHost(c, true);
        IntConsumer exit = status -> node.timers().schedule(Duration.ZERO, () -> {
            if (c.generation == gen && !destroyed) {
                exited(c, status);
            }
        });
        List<String> command = c.spec.getCommand();
        List<String> args = c.spec.getArgs();
        Map<String, String> env = environment(c);
        c.stopsOnTerm = false;
        if (c.image != null) {
            // the runtime's rule: command replaces the entrypoint, args replace the cmd
            List<String> argv = new ArrayList<>(command.isEmpty() ? c.image.entrypoint() : command);
            argv.addAll(command.isEmpty() && args.isEmpty() ? c.image.cmd() : args);
            c.stopsOnTerm = command.isEmpty() && ImageBehaviour.stopsOnTerm(image);
            if (argv.isEmpty()) {
                exit.accept(0);
            } else {
                ShellEvaluator.runCommand(argv, host, env, exit);
            }
        } else if (!command.isEmpty()) {
            List<String> argv = new ArrayList<>(command);
            argv.addAll(args);
            ShellEvaluator.runCommand(argv, host, env, exit);
        } else if (!args.isEmpty() && ImageBehaviour.runsArgsAsCommand(image)) {
            ShellEvaluator.runCommand(args, host, env, exit);
        } else {
            for (String line : ImageBehaviour.startupLines(image, node.time().now())) {
                host.write(line + "\n");
            }
            host.listenOnDeclaredPorts();
            c.stopsOnTerm = ImageBehaviour.stopsOnTerm(image);
            if (image.shortName().equals("hello-world") || (args.isEmpty() && ImageBehaviour.exitsAtOnce(image))) {
                exit.accept(0);
            }
        }
    }

    /** The container's environment as the kubelet makes it (for the container's own process and execs). */
    Map<String, String> environment(ContainerRun c) {
        return PodEnvironment.of(this, c, c.image);
    }

    /** A shell host of the container's current instance: its files and network, output to its log when logged. */
    ShellHost shellHost(ContainerRun c, boolean logged) {
        return new ContainerShellHost(this, c, logged);
    }

    private void runHook(ContainerRun c, LifecycleHandler hook, IntConsumer done) {
        if (hook.getExec() != null && !hook.getExec().getCommand().isEmpty()) {
            ShellEvaluator.runCommand(hook.getExec().getCommand(), shellHost(c, false), environment(c), done);
        } else if (hook.getSleep() != null && hook.getSleep().getSeconds() != null) {
            int gen = c.generation;
            later(Duration.ofSeconds(hook.getSleep().getSeconds()), () -> {
                if (c.generation == gen) {
                    done.accept(0);
                }
            });
        } else {
            done.accept(0);
        }
    }

    // ---- probes

    private void afterPostStart(ContainerRun c) {
        markDirty();
        var startup = c.spec.getStartupProbe();
        if (startup == null) {
            markStarted(c);
            return;
        }
        ProbeRule rule = ProbeRule.of(pod, "startup", c.name);
        Duration delay = Duration.ofSeconds(number(startup.getInitialDelaySeconds(), 0));
        if (rule.failsFrom() == null) {
            guarded(c, delay, () -> markStarted(c));
        } else {
            probeFailures(c, startup, "Startup", delay.plus(rule.failsFrom()), 0);
        }
    }

    private void markStarted(ContainerRun c) {
        c.started = true;
        markDirty();
        var readiness = c.spec.getReadinessProbe();
        if (readiness == null) {
            c.ready = true;
        } else {
            ProbeRule rule = ProbeRule.of(pod, "readiness", c.name);
            Duration delay = Duration.ofSeconds(number(readiness.getInitialDelaySeconds(), 0));
            if (rule.failsFrom() == null) {
                if (delay.isZero()) {
                    c.ready = true;
                } else {
                    guarded(c, delay, () -> {
                        c.ready = true;
                        markDirty();
                    });
                }
            } else {
                if (!rule.failsFrom().isZero()) {
                    if (delay.isZero()) {
                        c.ready = true;
                    } else {
                        guarded(c, delay, () -> {
                            c.ready = true;
                            markDirty();
                        });
                    }
                }
                probeFailures(c, readiness, "Readiness", delay.plus(rule.failsFrom()), 0);
            }
        }
        var liveness = c.spec.getLivenessProbe();
        if (liveness != null) {
            ProbeRule rule = ProbeRule.of(pod, "liveness", c.name);
            if (rule.failsFrom() != null) {
                Duration delay = Duration.ofSeconds(number(liveness.getInitialDelaySeconds(), 0));
                probeFailures(c, liveness, "Liveness", delay.plus(rule.failsFrom()), 0);
            }
        }
        advance();
    }

    /** A failing probe: Unhealthy every period; liveness and startup kill the container at the threshold. */
    private void probeFailures(ContainerRun c, io.fabric8.kubernetes.api.model.Probe probe, String kind,
            Duration first, int failuresSoFar) {
        guarded(c, first, () -> {
            event(c, EventRecorder.WARNING, "Unhealthy", kind + " probe failed: " + ProbeRule.failure(probe, podIP));
            int failures = failuresSoFar + 1;
            if (kind.equals("Readiness")) {
                if (c.ready && failures >= number(probe.getFailureThreshold(), 3)) {
                    c.ready = false;
                    markDirty();
                }
            } else if (failures >= number(probe.getFailureThreshold(), 3)) {
                c.restartAfterStop = true;
                stopContainer(c, "Container " + c.name + " failed " + kind.toLowerCase() + " probe, will be restarted");
                return;
            }
            probeFailures(c, probe, kind, Duration.ofSeconds(number(probe.getPeriodSeconds(), 10)), failures);
        });
    }

    // ---- exits and restarts

    private void exited(ContainerRun c, int exitCode) {
        c.generation++;
        if (c.log != null) {
            c.log.end();
        }
        Instant now = node.time().now();
        ContainerStateTerminated t = new ContainerStateTerminated();
        t.setContainerID(c.containerId);
        t.setExitCode(exitCode);
        t.setReason(c.startError != null ? "StartError" : exitCode == 0 ? "Completed" : "Error");
        t.setMessage(c.startError != null ? c.startError : TerminationMessage.of(c, exitCode));
        c.startError = null;
        t.setStartedAt(Timestamps.format(c.startedAt == null ? now : c.startedAt));
        t.setFinishedAt(Timestamps.format(now));
        c.terminated = t;
        c.state = ContainerRun.State.TERMINATED;
        c.ready = false;
        c.started = false;
        c.inPostStart = false;
        c.busy = false;
        boolean forced = c.restartAfterStop;
        c.restartAfterStop = false;
        c.stopping = false;
        markDirty();
        if (terminating) {
            finishTerminationIfDone();
            return;
        }
        if (terminal || c.ephemeral) {
            return;
        }
        String policy = c.sidecar ? "Always" : restartPolicy();
        boolean restart = policy.equals("Always") || (!policy.equals("Never") && (exitCode != 0 || forced));
        if (c.init && !c.sidecar && exitCode == 0 && !forced) {
            advance();
            return;
        }
        if (restart && !appsDone()) {
            scheduleRestart(c);
        } else {
            checkTerminal();
        }
    }

    private void scheduleRestart(ContainerRun c) {
        Instant now = node.time().now();
        Duration wait = c.backoff.delayAfter(now, node.time().scaled(Backoff.RESET));
        if (wait.isZero()) {
            c.needsStart = true;
            advance();
            return;
        }
        String podRef = pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + uid + ")";
        ContainerStateTerminated ended = c.terminated;
        later(RESYNC, () -> {
            if (terminating || terminal || c.terminated != ended) {
                return;
            }
            c.lastTerminated = c.terminated;
            c.terminated = null;
            c.waiting("CrashLoopBackOff", "back-off " + GoDuration.format(wait) + " restarting failed container="
                    + c.name + " pod=" + podRef);
            event(c, EventRecorder.WARNING, "BackOff", "Back-off restarting failed container " + c.name + " in pod "
                    + podRef);
            markDirty();
        });
        later(wait, () -> {
            if (terminating || terminal) {
                return;
            }
            c.backoff.restarted(node.time().now());
            c.needsStart = true;
            advance();
        });
    }

    /** Whether the pod's app containers are all done for good (restartPolicy Never or OnFailure). */
    private boolean appsDone() {
        String phase = PodPhase.of(this);
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /** Once the app containers are done, sidecars are stopped and the pod ends. */
    private void checkTerminal() {
        if (!appsDone()) {
            return;
        }
        boolean waitingForSidecars = false;
        for (ContainerRun c : inits) {
            if (c.sidecar && c.running()) {
                waitingForSidecars = true;
                stopContainer(c, "Stopping container " + c.name);
            }
        }
        if (!waitingForSidecars) {
            terminal = true;
            markDirty();
        }
    }

    // ---- termination

    /** The pod is being deleted: preStop hooks, Killing events, SIGTERM, and SIGKILL at the grace period's end. */
    void terminate() {
        if (terminating || destroyed) {
            return;
        }
        terminating = true;
        for (ContainerRun c : all()) {
            if (c.running()) {
                stopContainer(c, "Stopping container " + c.name);
            } else {
                c.busy = false;
                c.needsStart = false;
            }
        }
        node.timers().schedule(Duration.ZERO, this::finishTerminationIfDone);
    }

    private void stopContainer(ContainerRun c, String message) {
        if (c.stopping || !c.running()) {
            return;
        }
        c.stopping = true;
        Duration grace = Duration.ofSeconds(gracePeriodSeconds());
        int gen = c.generation;
        Runnable kill = () -> {
            if (c.generation == gen) {
                exited(c, 137);
            }
        };
        // the grace period's deadline is on the clock before the event can be read (another thread writes it), so
        // that whoever sees the event and then moves a stopped clock moves the grace period with it
        if (!grace.isZero()) {
            later(grace, kill);
        }
        event(c, EventRecorder.NORMAL, "Killing", message);
        if (grace.isZero()) {
            kill.run();
            return;
        }
        Runnable term = () -> {
            if (c.generation == gen && c.stopsOnTerm) {
                later(TERM_EXIT, () -> {
                    if (c.generation == gen) {
                        exited(c, 0);
                    }
                });
            }
        };
        LifecycleHandler preStop = c.spec.getLifecycle() == null ? null : c.spec.getLifecycle().getPreStop();
        if (preStop != null) {
            runHook(c, preStop, status -> {
                if (status != 0 && c.generation == gen) {
                    // The hook's output stays out of the event, as kube keeps it out lest it leak secrets.
                    event(c, EventRecorder.WARNING, "FailedPreStopHook", "PreStopHook failed");
                }
                term.run();
            });
        } else {
            term.run();
        }
    }

    private long gracePeriodSeconds() {
        Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (grace == null || pod.getMetadata().getDeletionTimestamp() == null) {
            grace = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return grace == null ? 30 : Math.max(0, grace);
    }

    private void finishTerminationIfDone() {
        if (finished || destroyed) {
            return;
        }
        for (ContainerRun c : all()) {
            if (c.running()) {
                return;
            }
        }
        finished = true;
        terminal = true;
        node.network().detach(sandbox);
        flush();
        node.port().deletePod(pod);
    }

    // ---- status

    void markDirty() {
        if (flushScheduled || destroyed) {
            return;
        }
        flushScheduled = true;
        node.timers().schedule(Duration.ZERO, this::flush);
    }

    private void flush() {
        flushScheduled = false;
        if (destroyed) {
            return;
        }
        PodStatus status = PodStatusReport.build(this, node.time().now());
        node.port().updateStatus(pod, status);
        if (!attachable.isEmpty()) {
            node.volumesInUseChanged();
        }
    }

    String restartPolicy() {
        String policy = pod.getSpec().getRestartPolicy();
        return policy == null ? "Always" : policy;
    }

    List<ContainerRun> all() {
        List<ContainerRun> all = new ArrayList<>(inits);
        all.addAll(apps);
        all.addAll(ephemerals);
        return all;
    }

    /** The main process of a container instance ended on its own (an attached console's shell exited). */
    void processExited(ContainerRun c, int gen, int exitCode) {
        if (c.generation == gen && !destroyed) {
            exited(c, exitCode);
        }
    }

    ContainerRun find(String name) {
        for (ContainerRun c : all()) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Sets the containers' state from a status another kubelet run reported, after a restart of the simulation. */
    void adopt(PodStatus status) {
        startTime = Timestamps.parse(status.getStartTime());
        podIP = status.getPodIP();
        sandboxReady = podIP != null;
        if (podIP != null && !Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            node.claimIP(uid, podIP);
        }
        if (sandboxReady) {
            attachSandbox();
        }
        String phase = status.getPhase();
        terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
        List<ContainerStatus> statuses = new ArrayList<>(status.getInitContainerStatuses());
        statuses.addAll(status.getContainerStatuses());
        boolean allInitsDone = true;
        for (ContainerStatus s : statuses) {
            ContainerRun c = find(s.getName());
            if (c == null) {
                continue;
            }
            c.restartCount = s.getRestartCount() == null ? 0 : s.getRestartCount();
            c.containerId = s.getContainerID();
            c.reportedImage = s.getImage();
            c.imageId = s.getImageID();
            c.lastTerminated = s.getLastState() == null ? null : s.getLastState().getTerminated();
            if (s.getState() != null && s.getState().getTerminated() != null) {
                c.state = ContainerRun.State.TERMINATED;
                c.terminated = s.getState().getTerminated();
                c.needsStart = false;
            } else if (s.getState() != null && s.getState().getRunning() != null && !terminal) {
                c.state = ContainerRun.State.RUNNING;
                c.startedAt = Timestamps.parse(s.getState().getRunning().getStartedAt());
                c.started = Boolean.TRUE.equals(s.getStarted());
                c.ready = Boolean.TRUE.equals(s.getReady());
                c.needsStart = false;
                c.generation++;
                c.log = node.logs().open(uid, c.containerId == null ? "containerd://" + hex64() : c.containerId);
                ImageName image = ImageName.parse(c.spec.getImage());
                newFiles(c, image);
                launch(c, image);
            }
            if (c.init && !(c.sidecar ? c.running() : c.succeeded())) {
                allInitsDone = false;
            }
        }
        initialized = inits.isEmpty() || allInitsDone;
        markDirty();
        findAttachableVolumes();
        if (!sandboxReady && !terminal) {
            sandboxOnceVolumesAttached();
        } else {
            advance();
        }
    }

    // ---- helpers

    private void event(ContainerRun c, String type, String reason, String message) {
        node.port().event(pod, c.fieldPath(), type, reason, message);
    }

    /** Runs a task after a simulated delay, unless the pod has gone meanwhile. */
    void later(Duration simulated, Runnable task) {
        node.timers().schedule(node.time().scaled(simulated), () -> {
            if (!destroyed) {
                task.run();
            }
        });
    }

    /** Runs a task after a simulated delay if the container is still the same instance. */
    private void guarded(ContainerRun c, Duration simulated, Runnable task) {
        int gen = c.generation;
        later(simulated, () -> {
            if (c.generation == gen && !terminating) {
                task.run();
            }
        });
    }

    private static int number(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** 64 random hex digits, as a container runtime's ids: without a format string, once for every container. */
    private static String hex64() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            out.append(HEX.toHexDigits(random.nextLong()));
        }
        return out.toString();
    }
}
