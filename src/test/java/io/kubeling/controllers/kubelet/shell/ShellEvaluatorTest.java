package io.kubeling.controllers.kubelet.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ShellEvaluatorTest {

    /** A host on simulated time: {@link #advance} runs what falls due. */
    static class FakeHost implements ShellHost {
        final StringBuilder out = new StringBuilder();
        final Set<String> services = new HashSet<>();
        final Set<String> endpoints = new HashSet<>();
        final PriorityQueue<Timed> queue = new PriorityQueue<>();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        long sequence;
        Integer exit;

        record Timed(Instant at, long seq, Runnable task) implements Comparable<Timed> {
            @Override
            public int compareTo(Timed o) {
                int c = at.compareTo(o.at);
                return c != 0 ? c : Long.compare(seq, o.seq);
            }
        }

        @Override
        public void write(String text) {
            out.append(text);
        }

        @Override
        public void after(Duration delay, Runnable next) {
            queue.add(new Timed(now.plus(delay), sequence++, next));
        }

        @Override
        public Optional<Resolved> resolve(String name) {
            String service = name.split("\\.")[0];
            return services.contains(service) ? Optional.of(new Resolved(service + ".ns.svc.cluster.local", "10.96.0.7"))
                    : Optional.empty();
        }

        @Override
        public boolean connects(String host, int port) {
            return endpoints.contains(host.split("\\.")[0] + ":" + port);
        }

        @Override
        public Instant now() {
            return now;
        }

        void advance(Duration d) {
            Instant until = now.plus(d);
            while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
                Timed t = queue.poll();
                now = t.at();
                t.task().run();
            }
            now = until;
        }

        void run(String script) {
            ShellEvaluator.run(ShellParser.parse(script), this, Map.of("HOSTNAME", "web-1"), code -> exit = code);
        }
    }

    @Test
    void echoAndExitCodes() {
        FakeHost host = new FakeHost();
        host.run("echo SUCCESS; exit 3");
        assertThat(host.out).hasToString("SUCCESS\n");
        assertThat(host.exit).isEqualTo(3);
    }

    @Test
    void andOrAndIfFollowStatuses() {
        FakeHost host = new FakeHost();
        host.run("false && echo no || echo yes; if true; then echo then; else echo else; fi; ! true");
        assertThat(host.out).hasToString("yes\nthen\n");
        assertThat(host.exit).isEqualTo(1);
    }

    @Test
    void sleepWaitsForSimulatedTime() {
        FakeHost host = new FakeHost();
        host.run("echo start; sleep 5; echo done");
        assertThat(host.out).hasToString("start\n");
        host.advance(Duration.ofSeconds(4));
        assertThat(host.exit).isNull();
        host.advance(Duration.ofSeconds(1));
        assertThat(host.out).hasToString("start\ndone\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void untilLoopWaitsForAService() {
        FakeHost host = new FakeHost();
        host.run("until nslookup mydb.$(echo x) ; do sleep 2; done".replace(".$(echo x)", ".ns.svc.cluster.local")
                + "; echo found");
        host.advance(Duration.ofSeconds(10));
        assertThat(host.exit).isNull();
        assertThat(host.out.toString()).contains("** server can't find mydb.ns.svc.cluster.local: NXDOMAIN");
        host.services.add("mydb");
        host.advance(Duration.ofSeconds(2));
        assertThat(host.exit).isZero();
        assertThat(host.out.toString()).contains("Name:\tmydb.ns.svc.cluster.local").endsWith("found\n");
    }

    @Test
    void ncAndWgetNeedAReadyEndpoint() {
        FakeHost host = new FakeHost();
        host.services.add("api");
        host.run("while ! nc -z -w 1 api 8080; do sleep 1; done; wget -q -O- http://api:8080/healthz && echo up");
        host.advance(Duration.ofSeconds(3));
        assertThat(host.exit).isNull();
        host.endpoints.add("api:8080");
        host.advance(Duration.ofSeconds(1));
        assertThat(host.out).hasToString("up\n");
        assertThat(host.exit).isZero();

        // -v says how it went, as busybox's nc does, on its error output
        FakeHost verbose = new FakeHost();
        verbose.services.add("api");
        verbose.endpoints.add("api:8080");
        verbose.run("nc -zv api 8080; nc -zv -w 1 api 9090; echo $?; nc -z 10.96.0.7 8080; echo $?;"
                + " printenv HOSTNAME; printenv NOPE; echo $?; getent hosts api; getent hosts nope; echo $?");
        assertThat(verbose.out).hasToString("api (10.96.0.7:8080) open\nnc: api (10.96.0.7:9090): Connection refused\n"
                + "1\n1\nweb-1\n1\n10.96.0.7       api.ns.svc.cluster.local\n2\n");

        // wget names the address it connects to, and -S shows the response's head as busybox's does
        FakeHost headers = new FakeHost();
        headers.services.add("api");
        headers.endpoints.add("api:8080");
        headers.run("wget -S -O /dev/null http://api:8080/healthz");
        assertThat(headers.out.toString()).startsWith("Connecting to api:8080 (10.96.0.7:8080)\n  HTTP/1.1 200 OK\n"
                + "  Content-Type: text/html\nsaving to '/dev/null'\n");
    }

    @Test
    void variablesPrintfAndForLoops() {
        FakeHost host = new FakeHost();
        host.run("N=2; for i in a b; do printf '%s-%d\\n' $i $N; done; echo \"host=$HOSTNAME\" '$HOSTNAME'");
        host.advance(Duration.ofSeconds(1));
        assertThat(host.out).hasToString("a-2\nb-2\nhost=web-1 $HOSTNAME\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void aBusyLoopTakesASecondPerPassAndBreakEndsIt() {
        FakeHost host = new FakeHost();
        host.run("i=0; while true; do echo tick; if [ \"$i\" = \"0\" ]; then i=1; else break; fi; done; echo out");
        assertThat(host.out).hasToString("tick\n");
        host.advance(Duration.ofSeconds(1));
        assertThat(host.out).hasToString("tick\ntick\nout\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void unknownCommandsAndSleepInfinityRunUntilStopped() {
        FakeHost host = new FakeHost();
        host.run("echo starting; my-server --port 8080; echo never");
        host.advance(Duration.ofHours(1));
        assertThat(host.out).hasToString("starting\n");
        assertThat(host.exit).isNull();

        FakeHost sleeper = new FakeHost();
        sleeper.run("sleep infinity");
        sleeper.advance(Duration.ofDays(1));
        assertThat(sleeper.exit).isNull();
    }

    @Test
    void nestedShellsAndRedirections() {
        FakeHost host = new FakeHost();
        host.run("sh -c 'echo inner >/dev/null 2>&1; exit 4'; echo \"status $?\"");
        assertThat(host.out).hasToString("status 4\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void commandsGivenAsWordsAreNotParsed() {
        FakeHost host = new FakeHost();
        ShellEvaluator.runCommand(java.util.List.of("echo", "a;b", "$X"), host, Map.of(), code -> host.exit = code);
        assertThat(host.out).hasToString("a;b $X\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void caseRunsTheFirstItemWhosePatternMatches() {
        FakeHost host = new FakeHost();
        host.run("""
                for arg in start stop --help x.tar.gz '*' ''; do
                  case "$arg" in
                    start|restart) echo "starting";;
                    stop)
                      echo stopping
                      ;;
                    -h|--help) echo usage ;;
                    *.tar.gz) echo "archive ${arg}" ;;
                    "*") echo star;;
                    ?*) echo other;;
                    *) echo empty
                  esac
                done
                pat='web-*'; case $HOSTNAME in $pat) echo matched;; esac
                case web-1 in "web-*") echo quoted;; (web-[0-9]) echo bracket;; esac
                case nothing in a) ;; esac; echo "status $?"
                """);
        host.advance(Duration.ofSeconds(1));
        assertThat(host.out).hasToString("starting\nstopping\nusage\narchive x.tar.gz\nstar\nempty\nmatched\n"
                + "bracket\nstatus 0\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void functionsTakeTheirArgumentsAndReturnAStatus() {
        FakeHost host = new FakeHost();
        host.run("""
                greet() {
                  local who="$1" n
                  n=$#
                  echo "hello $who ($n args, $@)"
                  for w in "$@"; do echo "[$w]"; done
                  return 3
                  echo never
                }
                who=outer
                greet "a b" c; echo "greet said $?, who is $who, \\$1 is '$1'"
                function check { [ "$1" = yes ] && return 0; echo "no: $1"; return 1; }
                check yes && echo passed; check maybe || echo failed
                twice() (echo "$1$1")
                echo "got $(twice ab)"
                loop() { while true; do return 7; done; }; loop; echo "loop $?"
                sh -c 'echo "$0 has $# args: $1 $2"' tool one two
                """);
        host.advance(Duration.ofSeconds(1));
        assertThat(host.out).hasToString("hello a b (2 args, a b c)\n[a b]\n[c]\ngreet said 3, who is outer, $1 is ''\n"
                + "passed\nno: maybe\nfailed\ngot abab\nloop 7\ntool has 2 args: one two\n");
        assertThat(host.exit).isZero();
    }

    @Test
    void unsupportedSyntaxIsRejected() {
        assertThatThrownBy(() -> ShellParser.parse("echo $((1 + 2)")).isInstanceOf(ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellParser.parse("echo $(date")).isInstanceOf(ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellParser.parse("if true; then echo")).isInstanceOf(ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellParser.parse("case x in x) echo; esac; esac")).isInstanceOf(
                ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellParser.parse("case x in x) echo a b) ;; esac")).isInstanceOf(
                ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellParser.parse("f() echo x (")).isInstanceOf(ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellParser.parse("[[ -f x ]]")).isInstanceOf(ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellParser.parse("echo 'open")).isInstanceOf(ShellSyntaxException.class);
    }

    @Test
    void parserBuildsTheExpectedTree() {
        ShellNode node = ShellParser.parse("a && b || c\nwhile x; do y; done &");
        assertThat(node).isInstanceOf(ShellNode.Sequence.class);
        ShellNode.Sequence seq = (ShellNode.Sequence) node;
        assertThat(seq.items()).hasSize(2);
        assertThat(seq.items().get(0)).isInstanceOf(ShellNode.AndOr.class);
        assertThat(seq.items().get(1)).isInstanceOf(ShellNode.Background.class);
    }
}
