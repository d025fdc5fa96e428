package io.kubeling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temporary directory and
 * {@code pg_ctl start} on a free loopback port, as an unprivileged user when the tests run as root
 * (PostgreSQL refuses to run as root), stopped and deleted when the JVM ends. One server serves the
 * whole test run; each caller takes a database of its own. Missing binaries fail the test: install
 * Debian's {@code postgresql} package, as {@code .ci/run} does.
 */
public final class PostgresServer {

    /** The role the tests connect as; the server trusts loopback connections. */
    public static final String USER = "kubeling";
    private static final String RUN_AS = "nobody";

    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The test run's server, started on the first call. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kubeling-postgres-stop"));
        }
        return shared;
    }

    /**
     * A server of the caller's own, which it may stop and start again while the shared one serves the
     * other tests; deleted when the JVM ends, or by {@link #close()}.
     */
    public static PostgresServer startOwn() {
        PostgresServer server = start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kubeling-postgres-stop"));
        return server;
    }

    /** {@code pg_ctl stop -m fast}: open transactions roll back, connections are closed, new ones refused. */
    public void stopFast() {
        run(root(), bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                "stop");
    }

    /** Starts the stopped server again on its port. */
    public void startAgain() {
        launch(bin, dir, port);
    }

    /** Stops the server and deletes its files. */
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of a new, empty database on this server. */
    public String newDatabase() {
        String name = "kubeling_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on the test's PostgreSQL", e);
        }
        return url(name);
    }

    /** A pooled data source on a new, empty database; closing it leaves the database, which the server's stop drops. */
    public HikariDataSource newDataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(newDatabase());
        config.setUsername(USER);
        config.setPassword("");
        config.setMaximumPoolSize(6);
        return new HikariDataSource(config);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("kubeling-pg-");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
                Files.setOwner(dir, owner);
            }
            run(root, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
            int port = freePort();
            launch(bin, dir, port);
            return new PostgresServer(bin, dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL server for the tests", e);
        }
    }

    private static void launch(Path bin, Path dir, int port) {
        // a throwaway server: durability is not what the tests measure here
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        run(root(), bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", options, "start");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void stop() {
        boolean root = root();
        try {
            run(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop");
        } catch (RuntimeException e) {
            // the JVM is ending: what is left is in a temporary directory
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // as above
        }
    }

    /** The directory holding initdb and pg_ctl: on the PATH, or where Debian puts them, newest first. */
    static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.comparing(PostgresServer::version).reversed())
                        .forEach(v -> candidates.add(v.resolve("bin")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Optional<Path> found = candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .findFirst()
                .map(d -> d.resolve("initdb"))
                .map(initdb -> {
                    try {
                        return initdb.toRealPath().getParent();
                    } catch (IOException e) {
                        return initdb.getParent();
                    }
                });
        return found.orElseThrow(() -> new IllegalStateException("PostgreSQL's initdb and pg_ctl are neither on the"
                + " PATH nor under /usr/lib/postgresql/<version>/bin: install Debian's postgresql package"
                + " (.ci/run does)"));
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(boolean root, String... command) {
        List<String> line = new ArrayList<>();
        if (root) {
            line.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        line.addAll(Arrays.asList(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed:\n"
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + line.get(0), e);
        }
    }
}
