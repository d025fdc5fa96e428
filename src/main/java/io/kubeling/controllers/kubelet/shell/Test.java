package io.kubeling.controllers.kubelet.shell;

import java.util.List;
import java.util.function.Function;

import io.kubeling.controllers.kubelet.fs.ContainerFs;

/**
 * {@code test} and {@code [}: string and integer comparisons, {@code -z}, {@code -n}, {@code !} and the
 * file tests on the container's files ({@code kubectl cp} asks {@code test -d dest} before it copies).
 * The simulated files have no symbolic links, so {@code -L} and {@code -h} are false.
 */
final class Test {

    private Test() {
    }

    /** {@code files} gives a path's stat, or null when it does not exist. */
    static int evaluate(List<String> args, Function<String, ContainerFs.Stat> files) {
        if (!args.isEmpty() && args.get(0).equals("!")) {
            int inner = evaluate(args.subList(1, args.size()), files);
            return inner == 2 ? 2 : 1 - inner;
        }
        return switch (args.size()) {
            case 0 -> 1;
            case 1 -> args.get(0).isEmpty() ? 1 : 0;
            case 2 -> unary(args.get(0), args.get(1), files);
            case 3 -> binary(args.get(0), args.get(1), args.get(2));
            default -> 2;
        };
    }

    private static int unary(String op, String operand, Function<String, ContainerFs.Stat> files) {
        return switch (op) {
            case "-z" -> operand.isEmpty() ? 0 : 1;
            case "-n" -> operand.isEmpty() ? 1 : 0;
            case "-e", "-f", "-d", "-c", "-s", "-r", "-w", "-x" -> file(op, operand.isEmpty() ? null : files.apply(operand));
            case "-L", "-h" -> 1;
            default -> 2;
        };
    }

    private static int file(String op, ContainerFs.Stat st) {
        if (st == null) {
            return 1;
        }
        boolean holds = switch (op) {
            case "-f" -> !st.directory() && st.device() == null;
            case "-d" -> st.directory();
            case "-c" -> st.device() != null;
            case "-s" -> st.size() > 0;
            case "-x" -> (st.mode() & 0111) != 0;
            default -> true;
        };
        return holds ? 0 : 1;
    }

    private static int binary(String left, String op, String right) {
        switch (op) {
            case "=", "==":
                return left.equals(right) ? 0 : 1;
            case "!=":
                return left.equals(right) ? 1 : 0;
            default:
                break;
        }
        long a;
        long b;
        try {
            a = Long.parseLong(left.trim());
            b = Long.parseLong(right.trim());
        } catch (NumberFormatException e) {
            return 2;
        }
        boolean result = switch (op) {
            case "-eq" -> a == b;
            case "-ne" -> a != b;
            case "-lt" -> a < b;
            case "-le" -> a <= b;
            case "-gt" -> a > b;
            case "-ge" -> a >= b;
            default -> false;
        };
        return result ? 0 : 1;
    }
}
