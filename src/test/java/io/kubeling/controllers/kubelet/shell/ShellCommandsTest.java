package io.kubeling.controllers.kubelet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FileTree;

class ShellCommandsTest {

    /** A host with a filesystem, an image that has only the shell's own tools, and separate error output. */
    static class FsHost extends ShellEvaluatorTest.FakeHost {
        final ContainerFs fs = new ContainerFs(new FileTree(1 << 20, 0), () -> now.toEpochMilli());
        final StringBuilder err = new StringBuilder();
        final List<byte[]> binary = new ArrayList<>();
        String tools = "busybox:1.36.1";
        byte[] stdin;

        FsHost() {
            try {
                fs.mkdirs("/tmp");
                fs.mkdirs("/etc");
                fs.write("/etc/hostname", "web-1\n".getBytes(StandardCharsets.UTF_8), false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void writeError(String text) {
            err.append(text);
        }

        @Override
        public void writeBytes(byte[] data) {
            binary.add(data);
            write(new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public ContainerFs fs() {
            return fs;
        }

        @Override
        public boolean hasProgram(String name) {
            return name.equals("my-server");
        }

        @Override
        public String tools() {
            return tools;
        }

        @Override
        public void readInput(Consumer<byte[]> all) {
            if (stdin != null) {
                all.accept(stdin);
            }
        }

        String file(String path) throws Exception {
            return new String(fs.read(path), StandardCharsets.UTF_8);
        }
    }

    @Test
    void redirectedOutputGoesToTheFileNotTheLog() throws Exception {
        FsHost host = new FsHost();
        host.run("date > aa.txt; echo one >> /tmp/b; echo two >> /tmp/b; cat < /tmp/b; ls /nope 2>/dev/null;"
                + " echo \"ls said $?\"; ls /nope 2>&1 | wc -l; echo to-err >&2");
        assertThat(host.out).hasToString("one\ntwo\nls said 1\n1\n");
        assertThat(host.err).hasToString("to-err\n");
        assertThat(host.file("/aa.txt")).isEqualTo("Thu Jan  1 00:00:00 UTC 2026\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void pipesStatusesAndUnknownCommands() {
        FsHost host = new FsHost();
        host.run("printf 'a\\nb\\nab\\n' | grep a | wc -l; foo --bar; echo \"status $?\"; sh -c 'exit 3';"
                + " echo $?; false || echo fallback");
        assertThat(host.out).hasToString("2\nstatus 127\n3\nfallback\n");
        assertThat(host.err).hasToString("sh: foo: not found\n");
        assertThat(host.exit).isZero();

        FsHost server = new FsHost();
        server.run("my-server --port 8080; echo never");
        server.advance(Duration.ofHours(1));
        assertThat(server.exit).isNull();

        FsHost unknown = new FsHost();
        ShellEvaluator.runCommand(List.of("sh", "-c", "ngnix -g 'daemon off;'"), unknown, Map.of(),
                code -> unknown.exit = code);
        assertThat(unknown.exit).isEqualTo(127);
        assertThat(unknown.err).hasToString("sh: ngnix: not found\n");
    }

    @Test
    void aPipePastItsSixteenMebibytesKeepsWhatFitsAndSaysTheRestWasDropped() {
        FsHost host = new FsHost();
        // 1..999999 take 6888888 bytes, and the next 1236041 lines of 8 bytes fill 16 MiB exactly
        host.run("seq 1 3000000 | wc -l; seq 1 1000 | wc -l");
        assertThat(host.out).hasToString("2236040\n1000\n");
        assertThat(host.err).hasToString(
                "sh: write error: a pipe holds at most 16 MiB here; the output past it was dropped\n");
    }

    @Test
    void fileToolsWorkOnTheContainersFiles() throws Exception {
        FsHost host = new FsHost();
        host.run("mkdir -p /data/a/b && cd /data && touch x && echo hi > a/b/f && cp a/b/f g && mv x y"
                + " && ls && ls a/b && cat g && rm g && ls; rm nope; mkdir /data; head -n 1 /etc/hostname;"
                + " seq 1 20 | tail -n 2; pwd");
        assertThat(host.out).hasToString("a\ng\ny\nf\nhi\na\ny\nweb-1\n19\n20\n/data\n");
        assertThat(host.err).hasToString("rm: can't remove 'nope': No such file or directory\n"
                + "mkdir: can't create directory '/data': File exists\n");
        assertThat(host.file("/data/a/b/f")).isEqualTo("hi\n");
    }

    @Test
    void theMemoryDevicesReadAndWriteAsTheKernelsDo() throws Exception {
        FsHost host = new FsHost();
        host.fs.mkdirs("/dev");
        for (io.kubeling.controllers.kubelet.fs.Device device : io.kubeling.controllers.kubelet.fs.Device.values()) {
            host.fs.mknod("/dev/" + device.fileName(), device);
        }
        host.run("head -c 16 /dev/urandom | wc -c; tr -dc 'a-z0-9' < /dev/urandom | head -c 12 | grep -cE '^[a-z0-9]{12}$';"
                + " head -c 4 /dev/zero | base64; echo gone > /dev/null; cat /dev/null | wc -c; echo x > /dev/full;"
                + " ls -l /dev/null; test -c /dev/zero && echo char; test -f /dev/zero || echo special;"
                + " cp /dev/null /tmp/empty; wc -c < /tmp/empty; ls /dev");
        assertThat(host.out).hasToString("16\n1\nAAAAAA==\n0\n"
                + "crw-rw-rw-    1 root     root       1,   3 Jan  1 00:00 /dev/null\nchar\nspecial\n0\n"
                + "full\nnull\nrandom\nurandom\nzero\n");
        assertThat(host.err).hasToString("sh: write error: No space left on device\n");
    }

    @Test
    void tailFollowsWhatIsAppended() throws Exception {
        FsHost host = new FsHost();
        host.fs.write("/tmp/log", "first\n".getBytes(StandardCharsets.UTF_8), false);
        host.run("tail -f /tmp/log");
        assertThat(host.out).hasToString("first\n");
        host.fs.write("/tmp/log", "second\n".getBytes(StandardCharsets.UTF_8), true);
        host.advance(Duration.ofSeconds(2));
        assertThat(host.out).hasToString("first\nsecond\n");
        assertThat(host.exit).isNull();
    }

    @Test
    void tarCreatesAnArchiveOnItsOutputAndUnpacksOneFromItsInput() throws Exception {
        FsHost source = new FsHost();
        source.fs.mkdirs("/tmp/dir/sub");
        source.fs.write("/tmp/dir/sub/pod1.yaml", "kind: Pod\n".getBytes(StandardCharsets.UTF_8), false);
        ShellEvaluator.runCommand(List.of("tar", "cf", "-", "/tmp/dir"), source, Map.of(), c -> source.exit = c);
        assertThat(source.exit).isZero();
        byte[] archive = source.binary.get(0);

        FsHost target = new FsHost();
        target.stdin = archive;
        ShellEvaluator.runCommand(List.of("tar", "-xmf", "-", "-C", "/tmp"), target, Map.of(),
                c -> target.exit = c);
        assertThat(target.exit).isZero();
        assertThat(target.file("/tmp/tmp/dir/sub/pod1.yaml")).isEqualTo("kind: Pod\n");

        FsHost lister = new FsHost();
        lister.stdin = archive;
        ShellEvaluator.runCommand(List.of("tar", "tf", "-"), lister, Map.of(), c -> lister.exit = c);
        assertThat(lister.out).hasToString("tmp/dir/\ntmp/dir/sub/\ntmp/dir/sub/pod1.yaml\n");
    }

    @Test
    void fabric8sUploadScriptsStoreTheArchiveThenUnpackIt() throws Exception {
        FsHost source = new FsHost();
        source.fs.mkdirs("/tmp/site/css");
        source.fs.write("/tmp/site/index.html", "<h1>hi</h1>\n".getBytes(StandardCharsets.UTF_8), false);
        source.fs.write("/tmp/site/css/a b.css", "body {}\n".getBytes(StandardCharsets.UTF_8), false);
        ShellEvaluator.runCommand(List.of("tar", "cf", "-", "-C", "/tmp/site", "index.html", "css"), source,
                Map.of(), c -> source.exit = c);
        byte[] archive = source.binary.get(0);

        FsHost target = new FsHost();
        target.stdin = archive;
        target.run("mkdir -p '/srv/site/' && cat - > '/srv/site/fabric8-1.tar' && echo $?");
        assertThat(target.exit).isZero();
        assertThat(target.out).hasToString("0\n");
        assertThat(target.fs.read("/srv/site/fabric8-1.tar")).isEqualTo(archive);
        target.out.setLength(0);
        target.run("wc -c < '/srv/site/fabric8-1.tar'");
        assertThat(target.out.toString().trim()).isEqualTo(String.valueOf(archive.length));
        target.out.setLength(0);
        target.stdin = null;
        target.run("mkdir -p '/srv/site/'; tar -C '/srv/site/' -xmf '/srv/site/fabric8-1.tar'; e=$?;"
                + " rm '/srv/site/fabric8-1.tar'; exit $e");
        assertThat(target.err).isEmpty();
        assertThat(target.exit).isZero();
        assertThat(target.file("/srv/site/index.html")).isEqualTo("<h1>hi</h1>\n");
        assertThat(target.file("/srv/site/css/a b.css")).isEqualTo("body {}\n");
        assertThat(target.fs.exists("/srv/site/fabric8-1.tar")).isFalse();
    }

    @Test
    void unquotedPatternsExpandToTheMatchingNamesSortedAndAPatternMatchingNothingStays() throws Exception {
        FsHost host = new FsHost();
        for (String name : List.of("b.txt", "a.txt", "c.log", ".hidden.txt", "a1", "a2", "ab")) {
            host.fs.write("/tmp/" + name, new byte[0], false);
        }
        host.fs.mkdirs("/tmp/d1/x");
        host.fs.mkdirs("/tmp/d2/x");
        host.run("cd /tmp; echo *.txt; echo a?; echo a[0-9]; echo a[!0-9]; echo /tmp/*/x; echo *.none;"
                + " echo '*.txt' \"*\".txt \\*.txt; d=/tmp; echo \"$d\"/c.*; p='*.log'; echo $p \"$p\"; echo .h*");
        assertThat(host.out).hasToString("a.txt b.txt\na1 a2 ab\na1 a2\nab\n/tmp/d1/x /tmp/d2/x\n*.none\n"
                + "*.txt *.txt *.txt\n/tmp/c.log\nc.log *.log\n.hidden.txt\n");
    }

    @Test
    void arithmeticExpansionEvaluatesAsAshDoes() {
        FsHost host = new FsHost();
        host.run("i=3; echo $((i + 1)) $(($i * (2 + 5))) \"$((10 / 3)),$((10 % 3))\" $((1 << 4)) $((i > 2 && i < 5))"
                + " $((-i)) $((0x10 + 010)) $((unset + 1)) $((i == 3 ? 7 : 8)); i=$((i + 1)); echo $i");
        assertThat(host.out).hasToString("4 21 3,1 16 1 -3 24 1 7\n4\n");
        assertThat(host.exit).isZero();

        FsHost failing = new FsHost();
        failing.run("echo before; echo $((1 / 0)); echo after");
        assertThat(failing.out).hasToString("before\n");
        assertThat(failing.err).hasToString("sh: divide by zero\n");
        assertThat(failing.exit).isEqualTo(2);
    }

    @Test
    void fileTestsLookAtTheContainersFiles() {
        FsHost host = new FsHost();
        host.run("test -d /tmp; echo $?; test -d /etc/hostname; echo $?; [ -f /etc/hostname ]; echo $?; "
                + "test -e /nope; echo $?; test ! -e /nope; echo $?; test -s /etc/hostname; echo $?");
        assertThat(host.out).hasToString("0\n1\n0\n1\n0\n0\n");
    }

    @Test
    void tarIntoAMissingDirectoryFailsAsBusyboxFailsAndCreatesNothing() throws Exception {
        FsHost source = new FsHost();
        ShellEvaluator.runCommand(List.of("tar", "cf", "-", "/etc/hostname"), source, Map.of(), c -> source.exit = c);
        FsHost target = new FsHost();
        target.stdin = source.binary.get(0);
        ShellEvaluator.runCommand(List.of("tar", "--no-same-permissions", "--no-same-owner", "-xmf", "-", "-C",
                "/nowhere/at"), target, Map.of(), c -> target.exit = c);
        assertThat(target.exit).isEqualTo(1);
        assertThat(target.err).hasToString("tar: can't change directory to '/nowhere/at': No such file or directory\n");
        assertThat(target.fs.exists("/nowhere")).isFalse();
    }

    @Test
    void nslookupPrintsTheFormatOfTheImagesBusybox() {
        FsHost old = new FsHost();
        old.tools = "busybox:1.28";
        old.services.add("myservice");
        old.run("nslookup myservice; nslookup mydb");
        assertThat(old.out).hasToString("Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n"
                + "Name:      myservice\nAddress 1: 10.96.0.7 myservice.ns.svc.cluster.local\n"
                + "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n");
        assertThat(old.err).hasToString("nslookup: can't resolve 'mydb'\n");
        assertThat(old.exit).isEqualTo(1);

        FsHost newer = new FsHost();
        newer.services.add("myservice");
        newer.run("nslookup myservice");
        assertThat(newer.out).hasToString("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n"
                + "Name:\tmyservice.ns.svc.cluster.local\nAddress: 10.96.0.7\n\n");
    }

    @Test
    void sysctlSetsWhatTheContainerMayAndEnvListsTheEnvironment() {
        FsHost host = new FsHost();
        host.run("sysctl -w vm.swappiness=0; sysctl net.core.somaxconn; env | grep ^HOSTNAME=; hostname");
        assertThat(host.out).hasToString("vm.swappiness = 0\nnet.core.somaxconn = 4096\nHOSTNAME=web-1\nweb-1\n");

        FsHost refused = new FsHost() {
            @Override
            public boolean sysctl(String key, String value) {
                return false;
            }
        };
        refused.run("sysctl -w vm.swappiness=0");
        assertThat(refused.err).hasToString("sysctl: error setting key 'vm.swappiness': Read-only file system\n");
        assertThat(refused.exit).isEqualTo(1);
    }

    @Test
    void theLayersCapEndsAWriteWithAClearError() {
        FsHost host = new FsHost() {
            final ContainerFs small = new ContainerFs(new FileTree(8, 0), () -> 0L);

            @Override
            public ContainerFs fs() {
                return small;
            }
        };
        host.run("echo 0123456789 > /big; echo \"status $?\"");
        assertThat(host.err).hasToString("sh: write error: No space left on device\n");
        assertThat(host.out).hasToString("status 0\n");
    }

    @Test
    void nginxServesItsDocumentRootAndASecondOneCannotBind() throws Exception {
        java.util.Map<Integer, HttpServer> ports = new java.util.HashMap<>();
        class Pod extends FsHost {
            @Override
            public boolean listen(int port, HttpServer server) {
                return ports.putIfAbsent(port, server) == null;
            }

            @Override
            public ShellHost.HttpResult http(String host, int port, HttpServer.Request request) {
                HttpServer server = ports.get(port);
                return server == null ? ShellHost.HttpResult.refused() : ShellHost.HttpResult.of(server.handle(request));
            }
        }
        Pod first = new Pod();
        first.fs.mkdirs("/usr/share/nginx/html");
        first.fs.write("/usr/share/nginx/html/index.html", "Hello from the debian container\n"
                .getBytes(StandardCharsets.UTF_8), false);
        ShellEvaluator.runCommand(List.of("nginx", "-g", "daemon off;"), first, Map.of("NGINX_VERSION", "1.27.3"),
                c -> first.exit = c);
        assertThat(first.err.toString()).contains("[notice] 1#1: start worker processes");
        assertThat(first.exit).isNull();

        Pod client = new Pod();
        client.run("wget -qO- http://10.244.1.2/; wget -qO- http://10.244.1.2/missing; echo $?");
        assertThat(client.out).hasToString("Hello from the debian container\n1\n");
        assertThat(client.err).hasToString("wget: server returned error: HTTP/1.1 404 Not Found\n");
        assertThat(first.out.toString()).containsPattern("(?m)^127\\.0\\.0\\.1 - - \\[01/Jan/2026:00:00:00 \\+0000\\] "
                + "\"GET / HTTP/1\\.1\" 200 32 \"-\" \"Wget\" \"-\"$");
        // as nginx answers curl -I: a two-digit day, and the file's time and length in its entity tag
        Pod headers = new Pod();
        headers.run("curl -sI http://10.244.1.2/");
        assertThat(headers.out.toString().replace("\r", "")).isEqualTo("""
                HTTP/1.1 200 OK
                Server: nginx/1.27.3
                Date: Thu, 01 Jan 2026 00:00:00 GMT
                Content-Type: text/html
                Content-Length: 32
                Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT
                Connection: keep-alive
                ETag: "6955b900-20"
                Accept-Ranges: bytes

                """);

        Pod second = new Pod();
        ShellEvaluator.runCommand(List.of("nginx", "-g", "daemon off;"), second, Map.of(), c -> second.exit = c);
        second.advance(Duration.ofSeconds(5));
        assertThat(second.exit).isEqualTo(1);
        assertThat(second.err.toString()).contains(
                "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n",
                "nginx: [emerg] still could not bind()\n");
    }

    @Test
    void hereDocumentsFeedTheirCommandExpandedUnlessTheDelimiterIsQuoted() throws Exception {
        FsHost host = new FsHost();
        host.run("NAME=web\ncat <<EOF > /tmp/conf\nserver $NAME;\nport \\$PORT \"x\";\nEOF\n"
                + "cat <<'END'\nliteral $NAME `date`\nEND\n"
                + "\tcat <<-EOF\n\t\tindented $NAME\n\tEOF\n"
                + "wc -l <<EOF\none\ntwo\nEOF");
        assertThat(host.file("/tmp/conf")).isEqualTo("server web;\nport $PORT \"x\";\n");
        assertThat(host.out).hasToString("literal $NAME `date`\nindented web\n2\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void commandSubstitutionsRunInASubshellAndSplitUnlessQuoted() throws Exception {
        FsHost host = new FsHost();
        host.run("echo one two > /tmp/f; X=$(cat /tmp/f); echo \"[$X]\"; for w in $(cat /tmp/f); do echo \"<$w>\"; done;"
                + " echo `echo back` \"$(echo a; echo; echo)\"; Y=$(exit 3); echo $?; echo $(hostname)-$(echo $(echo nested));"
                + " echo \"$(exit 5)\" after");
        host.advance(Duration.ZERO);
        assertThat(host.out).hasToString("[one two]\n<one>\n<two>\nback a\n3\nweb-1-nested\n after\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void execWithoutACommandRedirectsTheShellsOwnStreams() throws Exception {
        FsHost host = new FsHost();
        host.run("echo before; exec >/tmp/log 2>&1; echo after; ls /nope; echo piped | cat; sh -c 'echo inner'");
        assertThat(host.out).hasToString("before\n");
        assertThat(host.err).isEmpty();
        assertThat(host.file("/tmp/log")).isEqualTo("after\nls: /nope: No such file or directory\npiped\ninner\n");
        FsHost errors = new FsHost();
        errors.run("exec 2>&1; ls /nope; echo done");
        assertThat(errors.out).hasToString("ls: /nope: No such file or directory\ndone\n");
        assertThat(errors.err).isEmpty();
    }
}
