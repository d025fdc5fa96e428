package io.kubeling.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.util.FileSystemUtils;

import io.kubeling.storage.KeyValue;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.InMemoryStorage;

/**
 * The store alone, without the registry or HTTP, on an H2 file database as the server opens it (every
 * commit written to the file before it is acknowledged): {@code threads=} writers (16) each create and then
 * update {@code writes=} / (2 x threads) keys of 3,000 bytes, {@code rounds=} times (3), and the process's CPU
 * time and the writes per second of each round are printed, so the cost of a commit shared by concurrent
 * writers can be judged apart from the rest of a write.
 *
 * <pre>./mvnw -q exec:exec@group-commit-bench -Dbench.args="threads=16 writes=12000"</pre>
 */
public final class GroupCommitBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArgs bench = BenchArgs.parse(args);
        int threads = bench.number("threads", 16);
        int writes = bench.number("writes", 12000);
        int rounds = bench.number("rounds", 3);
        Path dir = Files.createTempDirectory("group-commit-bench");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("kubeling") + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        byte[] value = new byte[3000];
        Arrays.fill(value, (byte) 'x');
        int perThread = Math.max(1, writes / (2 * threads));
        try (InMemoryStorage storage = InMemoryStorage.on(dataSource, Clock.systemUTC(), () -> {
        })) {
            KeyValueStore store = storage.store();
            for (int round = 0; round < rounds; round++) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String prefix = "/registry/pods/bench/r" + round + "-t" + t + "-";
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            KeyValue created = store.create(prefix + i, value);
                            store.update(created, value);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
                int n = perThread * threads * 2;
                System.out.printf("round %d: %d writes from %d threads, %.0f writes/s, %.0f us of process CPU a write%n",
                        round, n, threads, n * 1e9 / (System.nanoTime() - start),
                        (os.getProcessCpuTime() - cpu) / 1e3 / n);
            }
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private GroupCommitBenchmark() {
    }
}
