package io.kubeling.controllers.kubelet.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import io.kubeling.controllers.kubelet.fs.FsException;

/** The network tools: DNS lookups in the formats of each tool's version, and HTTP through wget and curl. */
final class NetCommands {

    private static final Set<String> HTTP_OPTIONS_WITH_VALUE = Set.of("-O", "-o", "-T", "-H", "-X", "-d", "-m", "-U",
            "-u", "-A", "-e", "-w", "--timeout", "--header", "--max-time", "--connect-timeout", "--data",
            "--output", "--output-document", "--user-agent", "--tries", "-t", "--retry", "--request", "-P");

    private NetCommands() {
    }

    static void run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k) {
        switch (name) {
            case "nslookup" -> nslookup(sh, firstOperand(args), io, k);
            case "host", "dig" -> {
                String target = firstOperand(args);
                if (target == null) {
                    k.accept(1);
                    return;
                }
                Optional<ShellHost.Resolved> found = sh.host.resolve(target);
                if (name.equals("dig")) {
                    io.out().write(found.map(r -> r.address() + "\n").orElse(""));
                    k.accept(0);
                    return;
                }
                io.out().write(found.map(r -> r.fqdn() + " has address " + r.address() + "\n")
                        .orElse("Host " + target + " not found: 3(NXDOMAIN)\n"));
                k.accept(found.isPresent() ? 0 : 1);
            }
            case "getent" -> {
                if (args.size() >= 2 && (args.get(0).startsWith("hosts") || args.get(0).startsWith("ahosts"))) {
                    Optional<ShellHost.Resolved> found = sh.host.resolve(args.get(1));
                    found.ifPresent(r -> io.out().write(String.format("%-15s %s%n", r.address(), r.fqdn())));
                    k.accept(found.isPresent() ? 0 : 2);
                } else if (args.size() >= 2 && args.get(0).equals("passwd") && args.get(1).equals("root")) {
                    io.out().write("root:x:0:0:root:/root:/bin/sh\n");
                    k.accept(0);
                } else {
                    k.accept(args.isEmpty() ? 1 : 2);
                }
            }
            case "nc", "ncat", "netcat" -> netcat(sh, args, io, k);
            case "wget" -> http(sh, args, io, k, true);
            case "curl" -> http(sh, args, io, k, false);
            default -> k.accept(127);
        }
    }

    /**
     * busybox 1.28 and older print the old format (numbered addresses with names); newer busybox and
     * bind's nslookup print the newer one.
     */
    private static void nslookup(ShellEvaluator sh, String name, Io io, IntConsumer k) {
        if (name == null) {
            io.err().write("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup HOST\n");
            k.accept(1);
            return;
        }
        String server = sh.host.nameserver();
        Optional<ShellHost.Resolved> found = sh.host.resolve(name);
        StringBuilder out = new StringBuilder();
        String tools = sh.host.tools();
        if (oldBusybox(tools)) {
            out.append("Server:    ").append(server).append('\n').append("Address 1: ").append(server)
                    .append(" kube-dns.kube-system.svc.cluster.local\n\n");
            if (found.isPresent()) {
                out.append("Name:      ").append(name).append('\n').append("Address 1: ")
                        .append(found.get().address()).append(' ').append(found.get().fqdn()).append('\n');
                io.out().write(out.toString());
            } else {
                io.out().write(out.toString());
                io.err().write("nslookup: can't resolve '" + name + "'\n");
            }
        } else {
            boolean gnu = tools.startsWith("gnu");
            out.append("Server:\t\t").append(server).append('\n').append("Address:\t").append(server)
                    .append(gnu ? "#53" : ":53").append("\n\n");
            if (found.isPresent()) {
                out.append("Name:\t").append(found.get().fqdn()).append("\nAddress: ").append(found.get().address())
                        .append("\n\n");
            } else {
                out.append("** server can't find ").append(name).append(": NXDOMAIN\n\n");
            }
            io.out().write(out.toString());
        }
        k.accept(found.isPresent() ? 0 : 1);
    }

    /** busybox up to 1.28: its nslookup still printed the old format. */
    static boolean oldBusybox(String tools) {
        if (!tools.startsWith("busybox:")) {
            return false;
        }
        String[] version = tools.substring("busybox:".length()).split("[.-]");
        try {
            int major = Integer.parseInt(version[0]);
            int minor = version.length > 1 ? Integer.parseInt(version[1]) : 0;
            return major == 1 && minor <= 28;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** nc: connects (with {@code -z} only that), and with {@code -v} says how it went as busybox's nc does. */
    private static void netcat(ShellEvaluator sh, List<String> args, Io io, IntConsumer k) {
        List<String> operands = new ArrayList<>();
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-w") || a.equals("-i") || a.equals("-p") || a.equals("-s")) {
                i++;
            } else if (!a.startsWith("-")) {
                operands.add(a);
            } else {
                verbose |= a.contains("v");
            }
        }
        if (operands.size() < 2) {
            k.accept(1);
            return;
        }
        int port = ShellEvaluator.number(operands.get(1), -1);
        if (port <= 0) {
            k.accept(1);
            return;
        }
        String host = operands.get(0);
        ShellHost.HttpResult result = sh.host.http(host, port,
                new HttpServer.Request("HEAD", "/", Map.of(), new byte[0], sh.host.podIP()));
        if (verbose || !result.resolved()) {
            String address = host.matches("[0-9.]+") ? host
                    : sh.host.resolve(host).map(ShellHost.Resolved::address).orElse(null);
            if (!result.resolved() || address == null) {
                io.err().write("nc: bad address '" + host + "'\n");
            } else if (result.response() != null) {
                io.err().write(host + " (" + address + ":" + port + ") open\n");
            } else {
                io.err().write("nc: " + host + " (" + address + ":" + port + "): Connection refused\n");
            }
        }
        k.accept(result.response() != null ? 0 : 1);
    }

    private static void http(ShellEvaluator sh, List<String> args, Io io, IntConsumer k, boolean wget) {
        String url = null;
        String output = null;
        boolean quiet = false;
        boolean headOnly = false;
        boolean failOnError = false;
        boolean includeHeaders = false;
        boolean serverResponse = false;
        String method = "GET";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-O") || a.equals("-o") || a.equals("--output") || a.equals("--output-document")) {
                if (i + 1 < args.size()) {
                    output = args.get(++i);
                }
            } else if (a.startsWith("-O") && a.length() > 2 && wget) {
                output = a.substring(2);
            } else if (a.startsWith("--output-document=")) {
                output = a.substring("--output-document=".length());
            } else if (a.equals("-X") || a.equals("--request")) {
                if (i + 1 < args.size()) {
                    method = args.get(++i);
                }
            } else if (HTTP_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (a.startsWith("-") && !a.startsWith("--")) {
                quiet |= wget ? a.contains("q") : a.contains("s");
                headOnly |= !wget && a.contains("I");
                failOnError |= !wget && a.contains("f");
                includeHeaders |= !wget && a.contains("i");
                serverResponse |= wget && a.contains("S");
                if (wget && a.contains("O") && a.endsWith("O") && i + 1 < args.size()) {
                    output = args.get(++i);
                } else if (wget && a.contains("O")) {
                    output = a.substring(a.indexOf('O') + 1);
                }
            } else if (a.equals("--server-response")) {
                serverResponse = true;
            } else if (a.equals("--spider") || a.equals("--head")) {
                headOnly = true;
            } else if (a.equals("--quiet") || a.equals("--silent")) {
                quiet = true;
            } else if (a.equals("--fail")) {
                failOnError = true;
            } else if (!a.startsWith("-")) {
                url = a;
            }
        }
        if (url == null) {
            io.err().write(wget ? "BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL\n"
                    : "curl: try 'curl --help' or 'curl --manual' for more information\n");
            k.accept(wget ? 1 : 2);
            return;
        }
        Url target = Url.of(url);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", target.host());
        headers.put("User-Agent", wget ? "Wget" : "curl/8.11.1");
        headers.put("Accept", "*/*");
        ShellHost.HttpResult result = sh.host.http(target.host(), target.port(),
                new HttpServer.Request(headOnly ? "HEAD" : method, target.path(), headers, new byte[0],
                        sh.host.podIP()));
        if (!result.resolved()) {
            io.err().write(wget ? "wget: bad address '" + target.host() + "'\n"
                    : "curl: (6) Could not resolve host: " + target.host() + "\n");
            k.accept(wget ? 1 : 6);
            return;
        }
        HttpServer.Response response = result.response();
        if (response == null) {
            io.err().write(wget ? "wget: can't connect to remote host (" + target.host() + "): Connection refused\n"
                    : "curl: (7) Failed to connect to " + target.host() + " port " + target.port()
                            + " after 0 ms: Couldn't connect to server\n");
            k.accept(wget ? 1 : 7);
            return;
        }
        boolean stdout = wget ? "-".equals(output) : output == null || output.equals("-");
        if (wget && !quiet) {
            // busybox names the address the name resolved to
            String address = target.host().matches("[0-9.]+") ? target.host()
                    : sh.host.resolve(target.host()).map(ShellHost.Resolved::address).orElse(target.host());
            io.err().write("Connecting to " + target.host() + (target.explicitPort() ? ":" + target.port() : "")
                    + " (" + address + ":" + target.port() + ")\n");
        }
        if (wget && serverResponse) {
            // -S: the response's status line and headers, indented, on the error output
            StringBuilder head = new StringBuilder("  HTTP/1.1 " + response.status() + " " + response.reason() + "\n");
            response.headers().forEach((key, value) -> head.append("  ").append(key).append(": ").append(value)
                    .append('\n'));
            io.err().write(head.toString());
        }
        if (response.status() >= 400) {
            if (wget) {
                io.err().write("wget: server returned error: HTTP/1.1 " + response.status() + " " + response.reason()
                        + "\n");
                k.accept(1);
                return;
            }
            if (failOnError) {
                io.err().write(quiet ? "" : "curl: (22) The requested URL returned error: " + response.status() + "\n");
                k.accept(22);
                return;
            }
        }
        byte[] body = response.body();
        if (headOnly || includeHeaders) {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + response.status() + " " + response.reason() + "\r\n");
            response.headers().forEach((key, value) -> head.append(key).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            if (headOnly && !wget) {
                body = headBytes;
            } else if (!headOnly) {
                byte[] joined = new byte[headBytes.length + body.length];
                System.arraycopy(headBytes, 0, joined, 0, headBytes.length);
                System.arraycopy(body, 0, joined, headBytes.length, body.length);
                body = joined;
            } else {
                k.accept(0);
                return;
            }
        }
        if (stdout) {
            if (wget && !quiet) {
                io.err().write("writing to stdout\n");
            }
            io.out().write(body);
            if (wget && !quiet) {
                io.err().write("-                    100% |********************************|  " + body.length
                        + "  0:00:00 ETA\nwritten to stdout\n");
            }
            k.accept(0);
            return;
        }
        String file = output != null ? output : target.fileName();
        try {
            sh.openForWrite(file, false).write(body);
        } catch (FsException e) {
            io.err().write((wget ? "wget: can't open '" : "curl: (23) Failure writing output to destination: '")
                    + file + "': " + e.getMessage() + "\n");
            k.accept(wget ? 1 : 23);
            return;
        }
        if (wget && !quiet) {
            io.err().write("saving to '" + file + "'\n" + String.format("%-20s 100%% |********************************|"
                    + " %5d  0:00:00 ETA%n", file, body.length) + "'" + file + "' saved\n");
        }
        k.accept(0);
    }

    private static String firstOperand(List<String> args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** The parts of a URL the tools use: host, port (from the scheme when absent) and path. */
    record Url(String host, int port, String path, boolean explicitPort) {

        static Url of(String url) {
            String rest = url;
            int defaultPort = 80;
            int scheme = rest.indexOf("://");
            if (scheme >= 0) {
                if (rest.substring(0, scheme).equalsIgnoreCase("https")) {
                    defaultPort = 443;
                }
                rest = rest.substring(scheme + 3);
            }
            String path = "/";
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                path = rest.substring(slash);
                rest = rest.substring(0, slash);
            }
            int colon = rest.lastIndexOf(':');
            if (colon > 0) {
                return new Url(rest.substring(0, colon), ShellEvaluator.number(rest.substring(colon + 1), defaultPort),
                        path, true);
            }
            return new Url(rest, defaultPort, path, false);
        }

        String fileName() {
            String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            String name = p.substring(p.lastIndexOf('/') + 1);
            return name.isEmpty() ? "index.html" : name;
        }
    }
}
