package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.controllers.DaemonThreads;
import io.kubeling.controllers.kubelet.shell.ShellEvaluator;
import io.kubeling.controllers.kubelet.shell.ShellHost;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ProcessExits;
import io.kubeling.registry.StreamTarget;

/**
 * The one place the streaming subresources reach a simulated container: runs a command in it
 * (exec) or joins its main process (attach), with stdin, stdout, stderr, a terminal and resizes as
 * a runtime's streaming server offers them. Commands run on the node's kubelet thread, in the
 * shell interpreter's continuation style, so a session holds no thread of its own; a session lasts
 * at most as long as its container's instance (a command still running when the container stops
 * ends with 137, as a killed process does), and ends when its client leaves. Standard input beyond
 * {@link #STDIN_LIMIT} ends the session with an error.
 */
@Component
class ContainerProcesses {

    static final long STDIN_LIMIT = 64L << 20;
    private static final long LOG_POLL_MILLIS = 200;
    private static final long LIFECYCLE_CHECK_MILLIS = 1000;

    private final KubeletController kubelets;
    private final ContainerLogs logs;
    private final long stdinLimit;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Console> consoles = new ConcurrentHashMap<>();
    private final ScheduledExecutorService monitor = Executors
            .newSingleThreadScheduledExecutor(DaemonThreads.named("container-sessions"));
    private final AtomicLong ticks = new AtomicLong();

    @org.springframework.beans.factory.annotation.Autowired
    ContainerProcesses(KubeletController kubelets, ContainerLogs logs) {
        this(kubelets, logs, STDIN_LIMIT);
    }

    ContainerProcesses(KubeletController kubelets, ContainerLogs logs, long stdinLimit) {
        this.kubelets = kubelets;
        this.logs = logs;
        this.stdinLimit = stdinLimit;
        monitor.scheduleWithFixedDelay(this::tick, LOG_POLL_MILLIS, LOG_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sessions open now. */
    int open() {
        return sessions.size();
    }

    /** Runs {@code command} in a running container of the pod. */
    StreamTarget.ProcessHandle exec(Pod pod, String container, List<String> command, boolean stdin, boolean tty,
            StreamTarget.ProcessOutput out) {
        Session session = new Session(pod, container, command, tty, out);
        session.stdinWanted = stdin;
        sessions.add(session);
        boolean scheduled = kubelets.withPod(pod.getSpec().getNodeName(), pod.getMetadata().getUid(), worker -> {
            ContainerRun c = session.bind(worker);
            if (c == null) {
                return;
            }
            session.pid = c.processes.add(c.generation, String.join(" ", command), session::signalled);
            ShellHost host = session.host(worker, c, session::stdout);
            Map<String, String> env = worker.environment(c);
            if (stdin && InteractiveShell.readsCommands(command)) {
                String prompt = InteractiveShell.promptFor(ImageName.parse(c.spec.getImage()),
                        env.getOrDefault("HOSTNAME", pod.getMetadata().getName()));
                session.shell = new InteractiveShell(host, env, tty, prompt, session::exited);
                session.shell.start();
                session.flushInput();
            } else {
                session.keepEarlyInput();
                ShellEvaluator.runCommand(command, host, env, session::exited);
            }
        });
        if (!scheduled) {
            session.notFound();
        }
        return session;
    }

    /**
     * Joins a running container's main process: what it writes from now on, and, when the container
     * keeps stdin open and its process is a shell, a console that reads what any attached client types.
     */
    StreamTarget.ProcessHandle attach(Pod pod, String container, boolean stdin, boolean tty,
            StreamTarget.ProcessOutput out) {
        Session session = new Session(pod, container, List.of(), tty, out);
        session.attach = true;
        sessions.add(session);
        boolean scheduled = kubelets.withPod(pod.getSpec().getNodeName(), pod.getMetadata().getUid(), worker -> {
            ContainerRun c = session.bind(worker);
            if (c == null) {
                return;
            }
            if (Boolean.TRUE.equals(c.spec.getStdin()) && InteractiveShell.readsCommands(mainProcess(c))) {
                Console console = consoles.computeIfAbsent(c.containerId, id -> new Console(worker, c));
                console.attached.add(session);
                session.console = stdin ? console : null;
                session.shell = stdin ? console.shell : null;
                console.shell.start();
            } else {
                session.log = c.log;
                session.seenLines = c.log == null ? 0 : c.log.snapshot().written();
            }
        });
        if (!scheduled) {
            session.notFound();
        }
        return session;
    }

    /** The main process's command line: command and args, args alone for images without an entrypoint, else the image's own. */
    static List<String> mainProcess(ContainerRun c) {
        List<String> argv = new ArrayList<>(c.spec.getCommand());
        ImageName image = ImageName.parse(c.spec.getImage());
        if (!argv.isEmpty() || ImageBehaviour.runsArgsAsCommand(image)) {
            argv.addAll(c.spec.getArgs());
        }
        if (argv.isEmpty() && image != null && ImageBehaviour.exitsAtOnce(image)) {
            return List.of("sh");
        }
        return argv;
    }

    /**
     * An interactive main process shared by every client attached to it: it writes to the container's
     * log and to each attached terminal, and its end is the container's end.
     */
    private final class Console {
        final List<Session> attached = new CopyOnWriteArrayList<>();
        final InteractiveShell shell;
        /** The last size an attached terminal set. */
        volatile int[] size = {0, 0};

        Console(PodWorker worker, ContainerRun c) {
            int gen = c.generation;
            ContainerLogs.Instance log = c.log;
            boolean tty = Boolean.TRUE.equals(c.spec.getTty());
            java.util.function.Consumer<String> shown = text -> {
                String out = tty ? text.replace("\n", "\r\n") : text;
                if (log != null) {
                    log.write(out, worker.node.time().now());
                }
                for (Session s : attached) {
                    s.send(out);
                }
            };
            // the console reads its input line by line; what it runs gets none
            ShellHost host = hostFor(worker, c, gen, () -> false, shown,
                    bytes -> shown.accept(new String(bytes, StandardCharsets.UTF_8)), shown, all -> all.accept(new byte[0]), 1,
                    () -> tty ? size : null);
            Map<String, String> env = worker.environment(c);
            String prompt = InteractiveShell.promptFor(ImageName.parse(c.spec.getImage()),
                    env.getOrDefault("HOSTNAME", worker.pod.getMetadata().getName()));
            InteractiveShell created = new InteractiveShell(host, env, tty, prompt, status -> {
                consoles.remove(c.containerId);
                worker.processExited(c, gen, status);
            });
            this.shell = created;
        }
    }

    private void tick() {
        boolean checkLifecycle = ticks.incrementAndGet() % (LIFECYCLE_CHECK_MILLIS / LOG_POLL_MILLIS) == 0;
        for (Session s : sessions) {
            try {
                s.pollLog();
                if (checkLifecycle) {
                    s.checkLifecycle();
                }
            } catch (RuntimeException e) {
                s.end(ProcessExits.error(Errors.internal(e.toString())));
            }
        }
    }

    /**
     * A shell host for a session's commands: the container's own files, environment and network
     * ({@link ContainerShellHost}), output to the session, timers on the kubelet's, until it ends.
     */
    private static ShellHost hostFor(PodWorker worker, ContainerRun c, int gen, java.util.function.BooleanSupplier over,
            java.util.function.Consumer<String> output, java.util.function.Consumer<byte[]> outputBytes,
            java.util.function.Consumer<String> errors,
            java.util.function.Consumer<java.util.function.Consumer<byte[]>> input, int pid,
            java.util.function.Supplier<int[]> size) {
        return new ContainerShellHost(worker, c, false) {
            @Override
            public int pid() {
                return pid;
            }

            @Override
            public int[] terminalSize() {
                return size.get();
            }

            @Override
            public void write(String text) {
                if (!over.getAsBoolean() && c.generation == gen) {
                    output.accept(text);
                }
            }

            @Override
            public void writeError(String text) {
                if (!over.getAsBoolean() && c.generation == gen) {
                    errors.accept(text);
                }
            }

            @Override
            public void writeBytes(byte[] data) {
                if (!over.getAsBoolean() && c.generation == gen) {
                    outputBytes.accept(data);
                }
            }

            @Override
            public void after(Duration delay, Runnable next) {
                super.after(delay, () -> {
                    if (!over.getAsBoolean()) {
                        next.run();
                    }
                });
            }

            @Override
            public void readInput(java.util.function.Consumer<byte[]> all) {
                // input at hand goes on after the caller returns; input that comes later (always on the
                // kubelet thread) goes on at once, before anything queued after the end of input runs
                boolean[] waiting = {false};
                input.accept(data -> {
                    Runnable go = () -> {
                        if (!over.getAsBoolean() && alive()) {
                            all.accept(data);
                        }
                    };
                    if (waiting[0]) {
                        go.run();
                    } else {
                        worker.node.timers().schedule(Duration.ZERO, go);
                    }
                });
                waiting[0] = true;
            }
        };
    }

    /** One client's exec or attach. */
    private final class Session implements StreamTarget.ProcessHandle {
        final Pod pod;
        final String container;
        final List<String> command;
        final boolean tty;
        final StreamTarget.ProcessOutput out;
        final AtomicBoolean ended = new AtomicBoolean();
        final AtomicLong stdinBytes = new AtomicLong();
        final List<byte[]> early = new ArrayList<>();
        final java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        boolean stdinWanted;
        boolean stdinEnded;
        java.util.function.Consumer<byte[]> inputWaiter;
        boolean earlyEof;
        boolean attach;
        volatile PodWorker worker;
        volatile ContainerRun run;
        volatile int generation;
        InteractiveShell shell;
        Console console;
        volatile ContainerLogs.Instance log;
        /** The PID the exec'd process has in its container, 0 for attach. */
        volatile int pid;
        /** The terminal's rows and columns, as the client last set them. */
        volatile int[] size = {0, 0};
        long seenLines;

        Session(Pod pod, String container, List<String> command, boolean tty, StreamTarget.ProcessOutput out) {
            this.pod = pod;
            this.container = container;
            this.command = command;
            this.tty = tty;
            this.out = out;
        }

        /** On the kubelet thread: the running container, or null after ending the session as the kubelet would. */
        ContainerRun bind(PodWorker w) {
            ContainerRun c = w == null ? null : w.find(container);
            if (c == null || !c.running() || ended.get()) {
                notFound();
                return null;
            }
            worker = w;
            run = c;
            generation = c.generation;
            return c;
        }

        void notFound() {
            end(ProcessExits.error(Errors.internal("unable to upgrade connection: container not found (\""
                    + container + "\")")));
        }

        ShellHost host(PodWorker w, ContainerRun c, java.util.function.Consumer<String> output) {
            return hostFor(w, c, c.generation, ended::get, output, this::stdoutBytes, this::stderr, this::readInput, pid,
                    () -> tty ? size : null);
        }

        /**
         * A signal sent to this exec'd process: those ignored by default change nothing, an interactive
         * shell ignores TERM, INT and QUIT as ash does, and any other ends it with 128 + the signal.
         */
        boolean signalled(int signal) {
            if (ended.get()) {
                return false;
            }
            boolean ignored = Set.of(0, 17, 18, 19, 20, 23, 28).contains(signal)
                    || (shell != null && Set.of(2, 3, 15).contains(signal));
            if (!ignored) {
                end(ProcessExits.exited(command, 128 + signal));
            }
            return true;
        }

        void stderr(String text) {
            if (!ended.get()) {
                String shown = tty ? text.replace("\n", "\r\n") : text;
                // on a terminal the process's errors are part of its output, as a tty carries both
                byte[] bytes = shown.getBytes(StandardCharsets.UTF_8);
                if (tty) {
                    out.stdout(bytes);
                } else {
                    out.stderr(bytes);
                }
            }
        }

        /** The whole of stdin once the client closes it (none if it was not asked for, or a console reads it). */
        synchronized void readInput(java.util.function.Consumer<byte[]> all) {
            if (!stdinWanted || shell != null || stdinEnded) {
                all.accept(shell != null || !stdinWanted ? new byte[0] : input.toByteArray());
                return;
            }
            inputWaiter = all;
        }

        /** Bytes as the process wrote them, so binary output (tar, cat of any file) reaches the client whole. */
        void stdoutBytes(byte[] data) {
            if (tty) {
                stdout(new String(data, StandardCharsets.UTF_8));
            } else if (!ended.get()) {
                out.stdout(data);
            }
        }

        void stdout(String text) {
            send(tty ? text.replace("\n", "\r\n") : text);
        }

        void send(String text) {
            if (!ended.get()) {
                out.stdout(text.getBytes(StandardCharsets.UTF_8));
            }
        }

        void exited(int code) {
            end(attach ? ProcessExits.success() : ProcessExits.exited(command, code));
        }

        void end(Status status) {
            if (ended.compareAndSet(false, true)) {
                sessions.remove(this);
                detach();
                out.exit(status);
            }
        }

        /** Out of the container's process table and its consoles. */
        private void forget() {
            ContainerRun c = run;
            if (c != null && pid != 0) {
                c.processes.remove(pid);
            }
        }

        private void detach() {
            forget();
            Console c = console;
            if (c != null) {
                c.attached.remove(this);
            }
            for (Console each : consoles.values()) {
                each.attached.remove(this);
            }
        }

        /** On the kubelet thread, once bound: input that arrived before the command started is its input. */
        void keepEarlyInput() {
            synchronized (early) {
                synchronized (this) {
                    early.forEach(input::writeBytes);
                }
                early.clear();
            }
        }

        /** On the kubelet thread, once bound: input that arrived before the shell existed. */
        void flushInput() {
            List<byte[]> pending;
            synchronized (early) {
                pending = List.copyOf(early);
                early.clear();
            }
            for (byte[] bytes : pending) {
                shell.input(bytes);
            }
            if (earlyEof) {
                shell.end();
            }
        }

        @Override
        public void stdin(byte[] bytes) {
            if (ended.get()) {
                return;
            }
            if (stdinBytes.addAndGet(bytes.length) > stdinLimit) {
                end(ProcessExits.error(Errors.tooLarge("standard input exceeds " + limitText(stdinLimit)
                        + ", the most a simulated container takes in one session")));
                return;
            }
            onKubelet(() -> {
                if (shell != null) {
                    shell.input(bytes);
                } else if (worker == null) {
                    synchronized (early) {
                        early.add(bytes);
                    }
                } else {
                    synchronized (this) {
                        input.writeBytes(bytes);
                    }
                }
            });
        }

        @Override
        public void closeStdin() {
            onKubelet(this::endInput);
        }

        /** On the kubelet thread: the end of stdin, handed to the command waiting for it. */
        private void endInput() {
            if (shell != null) {
                shell.end();
                return;
            }
            earlyEof = true;
            java.util.function.Consumer<byte[]> waiter;
            byte[] all;
            synchronized (this) {
                stdinEnded = true;
                waiter = inputWaiter;
                inputWaiter = null;
                all = input.toByteArray();
            }
            if (waiter != null) {
                waiter.accept(all);
            }
        }

        @Override
        public void resize(int width, int height) {
            size = new int[] {height, width};
            Console c = console;
            if (c != null) {
                c.size = size;
            }
        }

        /**
         * The client went away. A command reading its input then reads its end, as the runtime's closed
         * stdin pipe gives it, and finishes with its output going nowhere: fabric8's upload, on the v4
         * protocol that has no close signal, ends {@code cat - > file} so. Any other session ends now.
         */
        @Override
        public void cancel() {
            if (stdinWanted && !attach && !ended.get()) {
                onKubelet(() -> {
                    if (ended.get() || shell != null || stdinEnded || inputWaiter == null) {
                        drop();
                        return;
                    }
                    endInput();
                });
                return;
            }
            drop();
        }

        private void drop() {
            if (ended.compareAndSet(false, true)) {
                sessions.remove(this);
                detach();
            }
        }

        private void onKubelet(Runnable task) {
            kubelets.withPod(pod.getSpec().getNodeName(), pod.getMetadata().getUid(), w -> task.run());
        }

        /** Attach without a console: the lines the container wrote since the last poll. */
        void pollLog() {
            ContainerLogs.Instance instance = log;
            if (instance == null || ended.get()) {
                return;
            }
            ContainerLogs.Snapshot snapshot = instance.snapshot();
            long fresh = snapshot.written() - seenLines;
            if (fresh > 0) {
                List<ContainerLogs.Line> kept = snapshot.lines();
                int from = (int) Math.max(0, kept.size() - fresh);
                StringBuilder text = new StringBuilder();
                for (ContainerLogs.Line line : kept.subList(from, kept.size())) {
                    text.append(line.text()).append('\n');
                }
                seenLines = snapshot.written();
                stdout(text.toString());
            }
            if (snapshot.ended()) {
                end(ProcessExits.success());
            }
        }

        /** Ends the session once the container instance it runs in has ended. */
        void checkLifecycle() {
            PodWorker w = worker;
            if (w == null || ended.get()) {
                return;
            }
            onKubelet(() -> {
                ContainerRun c = run;
                if (w.destroyed || c.generation != generation || !c.running()) {
                    end(attach ? ProcessExits.success() : ProcessExits.exited(command, 137));
                }
            });
        }
    }

    private static String limitText(long bytes) {
        return bytes >= (1 << 20) ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        monitor.shutdownNow();
    }
}
