package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.kubeling.controllers.kubelet.shell.ShellHost;

class InteractiveShellTest {

    private final StringBuilder out = new StringBuilder();
    private final List<Integer> exits = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();

    private final ShellHost host = new ShellHost() {
        @Override
        public void write(String text) {
            out.append(text);
        }

        @Override
        public void after(Duration delay, Runnable next) {
            timers.add(next);
        }

        @Override
        public Optional<Resolved> resolve(String name) {
            return Optional.empty();
        }

        @Override
        public boolean connects(String host, int port) {
            return false;
        }

        @Override
        public Instant now() {
            return Instant.EPOCH;
        }
    };

    private static byte[] typed(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalItPromptsEchoesAndErases() {
        InteractiveShell shell = new InteractiveShell(host, Map.of("HOSTNAME", "pod1"), true, "/ # ", exits::add);
        shell.start();
        shell.input(typed("echo hix"));
        shell.input(typed("\u007f\r"));
        assertThat(out.toString()).isEqualTo("/ # echo hix\b \b\nhi\n/ # ");
        shell.input(typed("exit 5\r"));
        assertThat(exits).containsExactly(5);
    }

    @Test
    void withoutATerminalItReadsLinesSilentlyAndEndsAtTheEndOfInput() {
        InteractiveShell shell = new InteractiveShell(host, Map.of(), false, "/ # ", exits::add);
        shell.start();
        shell.input(typed("echo one\necho tw"));
        shell.input(typed("o\nfalse\n"));
        assertThat(out.toString()).isEqualTo("one\ntwo\n");
        assertThat(exits).isEmpty();
        shell.end();
        assertThat(exits).containsExactly(1);
    }

    @Test
    void aLineWaitsForTheCommandBeforeIt() {
        InteractiveShell shell = new InteractiveShell(host, Map.of(), false, "", exits::add);
        shell.input(typed("sleep 5\necho after\n"));
        assertThat(out.toString()).isEmpty();
        assertThat(timers).hasSize(1);
        timers.remove(0).run();
        assertThat(out.toString()).isEqualTo("after\n");
    }

    @Test
    void controlDOnAnEmptyLineEndsIt() {
        InteractiveShell shell = new InteractiveShell(host, Map.of(), true, "$ ", exits::add);
        shell.input(typed("\u0004"));
        assertThat(out.toString()).isEqualTo("exit\n");
        assertThat(exits).containsExactly(0);
    }

    @Test
    void onlyAShellWithoutAScriptReadsCommands() {
        assertThat(InteractiveShell.readsCommands(List.of("sh"))).isTrue();
        assertThat(InteractiveShell.readsCommands(List.of("/bin/bash", "-l"))).isTrue();
        assertThat(InteractiveShell.readsCommands(List.of("sh", "-c", "echo"))).isFalse();
        assertThat(InteractiveShell.readsCommands(List.of("sh", "script.sh"))).isFalse();
        assertThat(InteractiveShell.readsCommands(List.of("cat"))).isFalse();
    }
}
