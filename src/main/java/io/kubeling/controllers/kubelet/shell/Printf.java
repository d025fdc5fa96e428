package io.kubeling.controllers.kubelet.shell;

import java.util.List;

/**
 * {@code printf FORMAT ARGS}: {@code %s}, {@code %d}, {@code %i}, {@code %b}, {@code %%} and
 * backslash escapes; the format is reused while arguments remain, as coreutils does.
 */
final class Printf {

    private Printf() {
    }

    static String format(String format, List<String> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        do {
            int consumed = 0;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c == '\\' && i + 1 < format.length()) {
                    out.append(escape(format.charAt(++i)));
                } else if (c == '%' && i + 1 < format.length()) {
                    int j = i + 1;
                    while (j < format.length() && "-+ #0123456789.".indexOf(format.charAt(j)) >= 0) {
                        j++;
                    }
                    if (j >= format.length()) {
                        out.append(format, i, j);
                        i = j;
                        continue;
                    }
                    char conversion = format.charAt(j);
                    String flags = format.substring(i + 1, j);
                    i = j;
                    if (conversion == '%') {
                        out.append('%');
                        continue;
                    }
                    String arg = next < args.size() ? args.get(next) : "";
                    if (next < args.size()) {
                        next++;
                        consumed++;
                    }
                    out.append(convert(conversion, flags, arg));
                } else {
                    out.append(c);
                }
            }
            if (consumed == 0) {
                break;
            }
        } while (next < args.size());
        return out.toString();
    }

    private static String convert(char conversion, String flags, String arg) {
        try {
            return switch (conversion) {
                case 'd', 'i' -> String.format("%" + flags + "d", arg.isEmpty() ? 0L : Long.parseLong(arg.trim()));
                case 'f' -> String.format("%" + flags + "f", arg.isEmpty() ? 0.0 : Double.parseDouble(arg.trim()));
                case 'x' -> String.format("%" + flags + "x", arg.isEmpty() ? 0L : Long.parseLong(arg.trim()));
                case 'b' -> escapes(arg);
                case 'c' -> arg.isEmpty() ? "" : arg.substring(0, 1);
                default -> flags.isEmpty() ? arg : String.format("%" + flags + "s", arg);
            };
        } catch (RuntimeException e) {
            return arg;
        }
    }

    /** Interprets backslash escapes in text, as {@code echo -e} and {@code %b} do. */
    static String escapes(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(escape(text.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '\\' -> "\\";
            case 'a' -> "\u0007";
            case 'e' -> "\u001b";
            case '"' -> "\"";
            default -> "\\" + c;
        };
    }
}
