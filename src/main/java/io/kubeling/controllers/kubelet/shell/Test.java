package io.kubeling.controllers.kubelet.shell;

import java.util.List;

/**
 * {@code test} and {@code [}: string and integer comparisons, {@code -z}, {@code -n} and {@code !}.
 * File tests are false, since the simulated container has no files.
 */
final class Test {

    private Test() {
    }

    static int evaluate(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("!")) {
            int inner = evaluate(args.subList(1, args.size()));
            return inner == 2 ? 2 : 1 - inner;
        }
        return switch (args.size()) {
            case 0 -> 1;
            case 1 -> args.get(0).isEmpty() ? 1 : 0;
            case 2 -> unary(args.get(0), args.get(1));
            case 3 -> binary(args.get(0), args.get(1), args.get(2));
            default -> 2;
        };
    }

    private static int unary(String op, String operand) {
        return switch (op) {
            case "-z" -> operand.isEmpty() ? 0 : 1;
            case "-n" -> operand.isEmpty() ? 1 : 0;
            case "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h" -> 1;
            default -> 2;
        };
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
