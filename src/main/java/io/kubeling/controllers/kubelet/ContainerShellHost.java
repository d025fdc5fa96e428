package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Sysctl;
import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.shell.HttpServer;
import io.kubeling.controllers.kubelet.shell.ShellHost;

/**
 * What a shell running in a container instance sees: its files, its image's programs, the pod's
 * network (binding ports in the sandbox, reaching other pods and Services through the pod network),
 * and its output, which goes to the instance's log (or nowhere, for hooks). Its timers are tied to the
 * instance: once the instance has ended nothing of it runs.
 */
class ContainerShellHost implements ShellHost {

    private static final java.util.regex.Pattern IP = java.util.regex.Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    final PodWorker w;
    final ContainerRun c;
    final int gen;
    private final ContainerLogs.Instance log;
    private final boolean logged;

    ContainerShellHost(PodWorker w, ContainerRun c, boolean logged) {
        this.w = w;
        this.c = c;
        this.gen = c.generation;
        this.log = c.log;
        this.logged = logged;
    }

    boolean alive() {
        return c.generation == gen && !w.destroyed;
    }

    @Override
    public void write(String text) {
        if (logged && log != null && c.generation == gen) {
            log.write(text, w.node.time().now());
        }
    }

    @Override
    public void writeBytes(byte[] data) {
        write(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void after(Duration delay, Runnable next) {
        w.later(delay, () -> {
            if (c.generation == gen) {
                next.run();
            }
        });
    }

    @Override
    public Optional<Resolved> resolve(String name) {
        String own = PodEnvironment.hostname(w);
        if (name.equals(own) || name.equals("localhost")) {
            return Optional.of(new Resolved(name, name.equals("localhost") ? "127.0.0.1" : w.podIP));
        }
        return w.node.port().resolve(w.pod.getMetadata().getNamespace(), name);
    }

    @Override
    public boolean connects(String host, int port) {
        return http(host, port, new HttpServer.Request("HEAD", "/", java.util.Map.of(), new byte[0], w.podIP))
                .response() != null;
    }

    @Override
    public Instant now() {
        return w.node.time().now();
    }

    @Override
    public ContainerFs fs() {
        return c.fs;
    }

    @Override
    public boolean hasProgram(String name) {
        if (c.image == null) {
            return true;
        }
        return c.image.has(name) || (c.fs != null && name.startsWith("/") && c.fs.exists(name));
    }

    @Override
    public String tools() {
        if (c.image == null) {
            return "busybox";
        }
        if (c.image.tools().equals("busybox")) {
            String tag = ImageName.parse(c.spec.getImage()) == null ? null : ImageName.parse(c.spec.getImage()).tag();
            return tag != null && tag.matches("\\d+(\\.\\d+)*.*") && c.image.shortName().equals("busybox")
                    ? "busybox:" + tag : "busybox:1.37.0";
        }
        return c.image.tools();
    }

    @Override
    public String nameserver() {
        return ContainerFiles.nameserver(w);
    }

    @Override
    public String podIP() {
        return w.podIP;
    }

    @Override
    public boolean listen(int port, HttpServer server) {
        return w.sandbox.listen(port, server, () -> c.generation == gen && c.running() && !w.destroyed);
    }

    /**
     * A request to a pod IP goes to that pod's sandbox; to a Service (name or cluster IP), to the
     * sandbox of one of its ready endpoints at the target port. A Service whose pods are not simulated
     * here answers as the Service check alone says.
     */
    @Override
    public HttpResult http(String host, int port, HttpServer.Request request) {
        String namespace = w.pod.getMetadata().getNamespace();
        String address = host;
        int target = port;
        if (host.equals("localhost") || host.equals("127.0.0.1") || host.equals(PodEnvironment.hostname(w))) {
            address = w.podIP;
        } else if (!IP.matcher(host).matches() || w.node.network().byIp(host).isEmpty()) {
            Optional<KubeletPort.Route> route = w.node.port().route(namespace, host, port);
            if (route.isPresent()) {
                address = route.get().ip();
                target = route.get().port();
            } else if (!IP.matcher(host).matches() && resolve(host).isEmpty()) {
                return HttpResult.unresolved();
            } else {
                return HttpResult.refused();
            }
        }
        Optional<PodSandbox> sandbox = w.node.network().byIp(address);
        if (sandbox.isEmpty()) {
            // endpoints of pods this simulation does not run: the Service's own check answers
            return w.node.port().connects(namespace, host, port) ? HttpResult.of(new HttpServer.Response(200, "OK",
                    java.util.Map.of("Content-Length", "0"), new byte[0])) : HttpResult.refused();
        }
        HttpServer server = sandbox.get().server(target);
        if (server == null) {
            return HttpResult.refused();
        }
        HttpServer.Response response = server.handle(request);
        return response == null ? HttpResult.refused() : HttpResult.of(response);
    }

    /**
     * A program of the image (tomcat's catalina.sh, an app outside the catalogue, a script given to node),
     * run as the container's own process, listens on the ports its image's entry in the catalogue names
     * and on the container's declared TCP ports: what it serves is unknown, so each request gets an empty
     * 200, as a Service check would.
     */
    @Override
    public void listenOnDeclaredPorts() {
        if (!logged) {
            return;
        }
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        if (c.image != null) {
            ports.addAll(c.image.ports());
        }
        for (io.fabric8.kubernetes.api.model.ContainerPort p : c.spec.getPorts()) {
            if (p.getContainerPort() != null && (p.getProtocol() == null || "TCP".equals(p.getProtocol()))) {
                ports.add(p.getContainerPort());
            }
        }
        for (int port : ports) {
            listen(port, request -> new HttpServer.Response(200, "OK", java.util.Map.of("Content-Length", "0"),
                    new byte[0]));
        }
    }

    @Override
    public List<Process> processes() {
        List<String> argv = new java.util.ArrayList<>(c.spec.getCommand());
        argv.addAll(c.spec.getArgs());
        if (argv.isEmpty() && c.image != null) {
            argv.addAll(c.image.entrypoint());
            argv.addAll(c.image.cmd());
        }
        List<Process> all = new java.util.ArrayList<>();
        all.add(new Process(1, argv.isEmpty() ? "sh" : String.join(" ", argv)));
        for (ProcessTable.Entry e : c.processes.list(gen)) {
            all.add(new Process(e.pid(), e.command()));
        }
        return all;
    }

    /** PID 1 takes no signal it has no handler for; an exec'd process gets it. */
    @Override
    public boolean kill(int pid, int signal) {
        if (pid == 1) {
            return true;
        }
        ProcessTable.Entry e = c.processes.find(pid, gen);
        return e != null && e.signal().test(signal);
    }

    /**
     * The user and groups the runtime gives the process: the container's or else the pod's
     * {@code runAsUser} and {@code runAsGroup} (root by default, the user's group from the image's
     * {@code /etc/passwd} when only the user is set), joined by the pod's {@code fsGroup} and
     * {@code supplementalGroups}.
     */
    @Override
    public Identity identity() {
        io.fabric8.kubernetes.api.model.PodSecurityContext pod = w.pod.getSpec().getSecurityContext();
        io.fabric8.kubernetes.api.model.SecurityContext own = c.spec.getSecurityContext();
        Long uid = own != null && own.getRunAsUser() != null ? own.getRunAsUser()
                : pod != null ? pod.getRunAsUser() : null;
        Long gid = own != null && own.getRunAsGroup() != null ? own.getRunAsGroup()
                : pod != null ? pod.getRunAsGroup() : null;
        List<Long> supplemental = pod == null || pod.getSupplementalGroups() == null ? List.of()
                : pod.getSupplementalGroups();
        if (uid == null && gid == null && (pod == null || pod.getFsGroup() == null) && supplemental.isEmpty()) {
            return Identity.ROOT;
        }
        long user = uid == null ? 0 : uid;
        long group = gid != null ? gid : groupOf(user);
        java.util.TreeSet<Long> groups = new java.util.TreeSet<>(List.of(group));
        if (pod != null) {
            if (pod.getFsGroup() != null) {
                groups.add(pod.getFsGroup());
            }
        }
        groups.addAll(supplemental);
        return new Identity(user, group, List.copyOf(groups));
    }

    /** The group the image's /etc/passwd gives a user; 0 for one it does not list. */
    private long groupOf(long uid) {
        if (c.fs != null) {
            try {
                for (String line : new String(c.fs.read("/etc/passwd"), StandardCharsets.UTF_8).split("\n")) {
                    String[] f = line.split(":", -1);
                    if (f.length >= 4 && f[2].equals(Long.toString(uid)) && f[3].matches("\\d+")) {
                        return Long.parseLong(f[3]);
                    }
                }
            } catch (io.kubeling.controllers.kubelet.fs.FsException e) {
                // no passwd file: the runtime's default group
            }
        }
        return 0;
    }

    /** A privileged container may set any kernel parameter; others only the pod's declared (namespaced) ones. */
    @Override
    public boolean sysctl(String key, String value) {
        if (c.spec.getSecurityContext() != null && Boolean.TRUE.equals(c.spec.getSecurityContext().getPrivileged())) {
            return true;
        }
        var podSecurity = w.pod.getSpec().getSecurityContext();
        if (podSecurity != null) {
            for (Sysctl s : podSecurity.getSysctls()) {
                if (key.equals(s.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Without {@code stdin: true} a container's input is closed (a shell reading it ends); with it, nobody writes yet. */
    @Override
    public void readInput(Consumer<byte[]> all) {
        if (!Boolean.TRUE.equals(c.spec.getStdin())) {
            all.accept(new byte[0]);
        }
    }
}
