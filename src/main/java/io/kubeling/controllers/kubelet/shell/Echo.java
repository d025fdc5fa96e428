package io.kubeling.controllers.kubelet.shell;

import java.util.List;

/** {@code echo}: its arguments joined by spaces, {@code -n} without the newline, {@code -e} with escapes. */
final class Echo {

    private Echo() {
    }

    static String echo(List<String> args) {
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            for (char c : args.get(i).substring(1).toCharArray()) {
                switch (c) {
                    case 'n' -> newline = false;
                    case 'e' -> escapes = true;
                    default -> escapes = false;
                }
            }
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) {
            text = Printf.escapes(text);
        }
        return newline ? text + "\n" : text;
    }
}
