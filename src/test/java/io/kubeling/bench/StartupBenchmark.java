package io.kubeling.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;
import org.springframework.util.FileSystemUtils;

import io.kubeling.KubelingApplication;

/**
 * Start-up benchmark: launches the server as a user does, {@code runs=} times (default 5), each on an empty data
 * directory and a free loopback port, and reports the median, min and max of the time from the launch to the first
 * 200 of {@code /readyz}, of the CPU time the server used until then (steadier than the time when the machine is
 * shared), of the start time Spring logs, and of the resident memory after {@code idle=} seconds
 * (default 5) of idling (VmRSS from /proc). Then it starts Kubeling twice inside its own JVM, as a test would, each
 * on its own port and in-memory database, and reports both start times and the start-up steps that took longest
 * (Spring's {@link BufferingApplicationStartup}, time spent in the step itself, its sub-steps excluded), and how
 * long the runners and post-start hooks took after the context's refresh. {@code /readyz} answers 200 once the
 * post-start hooks have finished, as kube-apiserver's does.
 *
 * <pre>./mvnw -q -DskipTests package && ./mvnw -q exec:exec@startup-bench -Dbench.args="runs=5"</pre>
 *
 * {@code launch=} says how the server is launched: {@code cds} (default) runs the layout that {@code package} extracts
 * to {@code target/kubeling} with its class data sharing archive, as the README's run command and the Docker image
 * do, with the README's options; {@code jar} runs {@code java -XX:TieredStopAtLevel=1 -jar target/kubeling-*.jar}.
 * {@code jvm=} replaces those options for the server's JVM, separated by {@code ;}; {@code args=} adds server
 * arguments, separated by {@code ;}; {@code target=} launches another build's, from its Maven output directory
 * (default {@code target}), for a comparison in turn; {@code runs=0} launches none, for the in-JVM starts alone; {@code steps=} is
 * how many steps to print (default 15); {@code starts=} how many servers to start in this JVM (default 2);
 * {@code injvm=false}
 * skips the in-JVM starts; they use the AOT-processed bean definitions, as the run command does, when
 * {@code package} has generated them for the classes on the class path ({@code aot=auto}, the default;
 * {@code aot=true} always, {@code aot=false} never).
 */
public final class StartupBenchmark {

    private static final Pattern STARTED = Pattern.compile("Started KubelingApplication in ([\\d.]+) seconds");

    public static void main(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args);
        int runs = opts.number("runs", 5);
        int idle = opts.number("idle", 5);
        String launch = opts.text("launch", "cds");
        List<String> jvm = opts.text("jvm", "").isEmpty() ? readmeOptions(launch) : opts.jvm();
        List<String> extra = list(opts.text("args", ""));
        Path target = Path.of(opts.text("target", "target"));
        System.out.printf("load average before: %s%n", loadAverage());

        List<Double> ready = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> mainCpu = new ArrayList<>();
        List<Double> mainQueued = new ArrayList<>();
        List<Double> mainBlocked = new ArrayList<>();
        List<Double> spring = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Run run = launch(launch, jvm, target, extra, idle, i);
            ready.add(run.ready);
            cpu.add(run.cpu);
            mainCpu.add(run.mainCpu);
            mainQueued.add(run.mainQueued);
            mainBlocked.add(run.ready - run.mainCpu - run.mainQueued);
            spring.add(run.spring);
            rss.add(run.rssMiB);
            System.out.printf("run %d: /readyz after %.2f s (%.2f s of CPU, %.2f s of it the main thread's, which waited"
                    + " %.2f s for a core and %.2f s otherwise), Spring started in %.2f s, RSS after %d s idle %.0f MiB%n"
                    + "  threads' CPU until ready: %s%n", i, run.ready, run.cpu, run.mainCpu, run.mainQueued,
                    run.ready - run.mainCpu - run.mainQueued, run.spring, idle, run.rssMiB, run.threads);
        }
        if (runs > 0) {
            System.out.printf("%n%s launch (%s), %d runs:%n", launch, String.join(" ", command(launch, jvm, target)),
                    runs);
            summary("time to /readyz", ready, "s");
            summary("CPU until ready", cpu, "s");
            summary("main thread's CPU", mainCpu, "s");
            summary("its wait for a core", mainQueued, "s");
            summary("its other waits", mainBlocked, "s");
            summary("Spring's start time", spring, "s");
            summary("idle RSS", rss, "MiB");
        }

        if (!"false".equals(opts.text("injvm", "true"))) {
            String aot = opts.text("aot", "auto");
            boolean generated = aot.equals("true") || aot.equals("auto") && aotGenerated();
            if (generated) {
                System.setProperty("spring.aot.enabled", "true");
            }
            System.out.printf("%nin-JVM starts %s the AOT-processed bean definitions (aot=%s)%n",
                    generated ? "with" : "without", aot);
            inJvm(opts.number("starts", 2), opts.number("steps", 15));
        }
        System.out.printf("%nload average after: %s%n", loadAverage());
    }

    private record Run(double ready, double cpu, double mainCpu, double mainQueued, String threads, double spring,
            double rssMiB) {
    }

    private static Run launch(String launch, List<String> jvm, Path target, List<String> extra, int idle, int index)
            throws Exception {
        Path dir = Path.of("target/startup-bench/run-" + index).toAbsolutePath();
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        int port = freePort();
        List<String> command = new ArrayList<>(command(launch, jvm, target));
        // the secure port on a free port too, so that a server already on 6443 does not stop the run
        command.addAll(List.of("--kubeling.port=" + port, "--kubeling.tls.port=" + freePort(),
                "--kubeling.data-dir=" + dir.resolve("data")));
        command.addAll(extra);
        File log = dir.resolve("server.log").toFile();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(300);
            double ready = -1;
            double cpu = -1;
            double[] main = {-1, -1};
            Map<String, Double> threads = Map.of();
            while (ready < 0) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server did not get ready; see " + log);
                }
                try {
                    if (client.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        ready = (System.nanoTime() - start) / 1e9;
                        cpu = cpuSeconds(process.pid());
                        main = mainThreadSchedstat(process.pid());
                        threads = threadCpuSeconds(process.pid());
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(idle));
            double rss = rssMiB(process.pid());
            Matcher m = STARTED.matcher(Files.readString(log.toPath()));
            double spring = m.find() ? Double.parseDouble(m.group(1)) : -1;
            StringBuilder top = new StringBuilder();
            threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .forEach(t -> top.append(String.format("%s %.2f s, ", t.getKey(), t.getValue())));
            return new Run(ready, cpu, main[0], main[1], top.toString().replaceAll(", $", ""), spring, rss);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The JVM options of the README's run commands: those of the fast launch, or C1 only for the fat jar. */
    static List<String> readmeOptions(String launch) {
        return launch.equals("cds")
                ? List.of("-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true", "-XX:+UseSerialGC", "-Xms64m",
                        "-XX:MaxNewSize=16m", "-XX:SoftRefLRUPolicyMSPerMB=0")
                : List.of("-XX:TieredStopAtLevel=1");
    }

    /** The command a user runs (README "Run it"), before the server's own arguments. */
    static List<String> command(String launch, List<String> jvm) throws IOException {
        return command(launch, jvm, Path.of("target"));
    }

    /** The same, of the build whose Maven output is {@code target}: this one's, or another build's. */
    static List<String> command(String launch, List<String> jvm, Path target) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvm);
        switch (launch) {
            case "jar" -> command.addAll(List.of("-jar", jar(target)));
            case "cds" -> {
                Path extracted = target.resolve("kubeling");
                Path archive = extracted.resolve("kubeling.jsa");
                if (!Files.exists(archive)) {
                    throw new IllegalStateException(archive + " is missing: build it with ./mvnw -DskipTests package");
                }
                command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-jar",
                        extracted.resolve("kubeling.jar").toString()));
            }
            default -> throw new IllegalArgumentException("launch= is cds or jar, not " + launch);
        }
        return command;
    }

    private static String jar(Path target) throws IOException {
        try (var files = Files.list(target)) {
            return files.map(Path::toString).filter(p -> p.matches(".*/kubeling-[^/]*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the jar first: ./mvnw -DskipTests package"));
        }
    }

    /**
     * Whether {@code package} has AOT-processed the classes on the class path since they were last compiled: the
     * generated initializer is there and no older than the application class it was generated from (a later
     * compile leaves a stale one behind, whose bean definitions no longer fit the classes).
     */
    static boolean aotGenerated() throws Exception {
        URL initializer = StartupBenchmark.class.getResource(
                "/" + KubelingApplication.class.getName().replace('.', '/') + "__ApplicationContextInitializer.class");
        URL application = KubelingApplication.class.getResource(KubelingApplication.class.getSimpleName() + ".class");
        return initializer != null && initializer.getProtocol().equals("file") && application.getProtocol().equals("file")
                && Files.getLastModifiedTime(Path.of(initializer.toURI())).compareTo(
                        Files.getLastModifiedTime(Path.of(application.toURI()))) >= 0;
    }

    /**
     * Servers in this JVM ({@code starts=}, default 2), as a test suite starts them: the first pays for loading and
     * initialising the classes, the next show what one more server costs. All stay up until the last has started.
     * Besides the time, each start's CPU: the whole JVM's (every thread, the servers before it included, whose
     * simulations idle meanwhile) and the starting thread's alone.
     */
    private static void inJvm(int starts, int steps) throws Exception {
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        List<BufferingApplicationStartup> startups = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        List<Double> refreshed = new ArrayList<>();
        List<Double> processCpu = new ArrayList<>();
        List<Double> threadCpu = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            for (int i = 1; i <= starts; i++) {
                Path dir = Path.of("target/startup-bench/in-jvm-" + i).toAbsolutePath();
                FileSystemUtils.deleteRecursively(dir);
                SpringApplication app = new SpringApplication(KubelingApplication.class);
                // the AOT-generated initializer is looked up by the main class, which is not this one
                app.setMainApplicationClass(KubelingApplication.class);
                BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
                app.setApplicationStartup(startup);
                String[] args = {"--kubeling.port=" + freePort(), "--kubeling.data-dir=" + dir,
                    "--kubeling.database-url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "--logging.level.root=WARN"};
                long cpu = os.getProcessCpuTime();
                long ownCpu = threads.getCurrentThreadCpuTime();
                System.out.printf("in-JVM start %d begins at %s%n", i, java.time.Instant.now());
                long start = System.nanoTime();
                // the context is refreshed before the runners run and the post-start hooks are waited for
                app.addListeners((ApplicationListener<ApplicationStartedEvent>) e ->
                        refreshed.add((System.nanoTime() - start) / 1e9));
                contexts.add(app.run(args));
                seconds.add((System.nanoTime() - start) / 1e9);
                processCpu.add((os.getProcessCpuTime() - cpu) / 1e9);
                threadCpu.add((threads.getCurrentThreadCpuTime() - ownCpu) / 1e9);
                System.out.printf("in-JVM start %d ends at %s%n", i, java.time.Instant.now());
                startups.add(startup);
            }
        } finally {
            for (ConfigurableApplicationContext context : contexts) {
                context.close();
            }
        }
        System.out.printf("%nin one JVM: first start %.2f s, second start %.2f s%n", seconds.get(0), seconds.get(1));
        for (int i = 0; i < seconds.size(); i++) {
            System.out.printf("  start %d: %.2f s, context refreshed after %.2f s, then %.2f s of runners and post-start"
                    + " hooks (the bootstrap policy); CPU %.2f s (the starting thread %.2f s)%n", i + 1,
                    seconds.get(i), refreshed.get(i), seconds.get(i) - refreshed.get(i), processCpu.get(i),
                    threadCpu.get(i));
        }
        if (starts > 2) {
            List<Double> later = seconds.subList(1, starts);
            summary("later starts", later, "s");
            summary("their CPU", processCpu.subList(1, starts), "s");
            summary("their thread's CPU", threadCpu.subList(1, starts), "s");
        }
        for (int i = 0; i < startups.size(); i++) {
            System.out.printf("%nlongest steps of in-JVM start %d (own time, sub-steps excluded):%n", i + 1);
            printSteps(startups.get(i).getBufferedTimeline(), steps);
        }
    }

    /** Each step's own time (its duration less its sub-steps'), longest first. */
    static void printSteps(StartupTimeline timeline, int limit) {
        Map<Long, Duration> children = new HashMap<>();
        for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) {
                children.merge(parent, e.getDuration(), Duration::plus);
            }
        }
        record Own(String name, Duration own, Duration total) {
        }
        List<Own> own = new ArrayList<>();
        for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
            StartupStep step = e.getStartupStep();
            StringBuilder name = new StringBuilder(step.getName());
            for (StartupStep.Tag tag : step.getTags()) {
                if (tag.getKey().equals("beanName") || tag.getKey().equals("postProcessor")
                        || tag.getKey().equals("listener") || tag.getKey().equals("event")) {
                    name.append(' ').append(tag.getValue());
                }
            }
            own.add(new Own(name.toString(),
                    e.getDuration().minus(children.getOrDefault(step.getId(), Duration.ZERO)), e.getDuration()));
        }
        own.sort(Comparator.comparing(Own::own).reversed());
        for (Own o : own.subList(0, Math.min(limit, own.size()))) {
            System.out.printf("  %6d ms own, %6d ms total  %s%n", o.own.toMillis(), o.total.toMillis(), o.name);
        }
    }

    private static void summary(String what, List<Double> values, String unit) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        String format = unit.equals("s") ? "%.2f" : "%.0f";
        System.out.printf("  %-20s median " + format + " %s, min " + format + ", max " + format + "%n", what, median,
                unit, v[0], v[v.length - 1]);
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** CPU time the process has used, all its threads, from /proc (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * The JVM's main thread's time on a core and its time runnable but waiting for one (the scheduler's run-queue
     * wait), in seconds, from {@code /proc/<pid>/task/<tid>/schedstat}: the thread named {@code java} that is not the
     * launcher's first thread, which only waits for it. Whatever else of the time to {@code /readyz} the main thread
     * was off a core, it waited for something: a lock, another thread, the collector, a file.
     */
    private static double[] mainThreadSchedstat(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!task.getFileName().toString().equals(Long.toString(pid))
                            && Files.readString(task.resolve("comm")).strip().equals("java")) {
                        String[] f = Files.readString(task.resolve("schedstat")).strip().split(" ");
                        return new double[] {Long.parseLong(f[0]) / 1e9, Long.parseLong(f[1]) / 1e9};
                    }
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return new double[] {-1, -1};
    }

    /**
     * CPU time by thread name (threads of one name summed, the numbers of pools' threads dropped), of the threads
     * alive now: those that have ended are missing.
     */
    private static Map<String, Double> threadCpuSeconds(long pid) throws IOException {
        Map<String, Double> byName = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[-\\d]+$", "");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    byName.merge(name.isEmpty() ? "?" : name, seconds, Double::sum);
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static List<String> list(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.split(";"));
    }
}
