package io.kubeling.controllers.kubelet.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FsException;

/**
 * Pathname expansion as ash does it: {@code *}, {@code ?} and {@code [...]} (with {@code !} or {@code ^}
 * to negate) outside quotes match names in the container's files, sorted; a leading dot is matched only
 * by a dot; a pattern that matches nothing stays as written.
 */
final class Glob {

    private Glob() {
    }

    /**
     * The paths {@code word} names; {@code active} tells which of its characters came unquoted (a null
     * mask takes them all as unquoted).
     */
    static List<String> expand(ContainerFs fs, String cwd, String word, boolean[] active) {
        if (fs == null || !hasPattern(word, active, 0, word.length())) {
            return List.of(word);
        }
        List<String> found = new ArrayList<>();
        boolean absolute = word.startsWith("/");
        walk(fs, absolute ? "/" : cwd, absolute ? "/" : "", word, active, absolute ? 1 : 0, found);
        if (found.isEmpty()) {
            return List.of(word);
        }
        found.sort(null);
        return found;
    }

    /**
     * Whether {@code text} matches a {@code case} pattern: {@code *}, {@code ?} and brackets where
     * {@code active} says the character came unquoted, and, unlike pathnames, a slash or a leading dot
     * matched by them as by any character.
     */
    static boolean matches(String pattern, boolean[] active, String text) {
        return regex(pattern, active, 0, pattern.length()).matcher(text).matches();
    }

    private static void walk(ContainerFs fs, String dir, String shown, String word, boolean[] active, int from,
            List<String> found) {
        int slash = word.indexOf('/', from);
        int end = slash < 0 ? word.length() : slash;
        boolean last = slash < 0;
        if (from == end && !last) {
            // repeated slashes
            walk(fs, dir, shown + "/", word, active, end + 1, found);
            return;
        }
        String component = word.substring(from, end);
        if (!hasPattern(word, active, from, end)) {
            String path = ContainerFs.normalize(dir, component);
            if (last) {
                if (fs.exists(path)) {
                    found.add(shown + component);
                }
            } else if (isDirectory(fs, path)) {
                walk(fs, path, shown + component + "/", word, active, end + 1, found);
            }
            return;
        }
        Pattern regex = regex(word, active, from, end);
        List<String> names;
        try {
            names = fs.list(dir);
        } catch (FsException e) {
            return;
        }
        for (String name : names) {
            if (name.startsWith(".") && word.charAt(from) != '.') {
                continue;
            }
            if (!regex.matcher(name).matches()) {
                continue;
            }
            String path = ContainerFs.normalize(dir, name);
            if (last) {
                found.add(shown + name);
            } else if (isDirectory(fs, path)) {
                walk(fs, path, shown + name + "/", word, active, end + 1, found);
            }
        }
    }

    private static boolean isDirectory(ContainerFs fs, String path) {
        try {
            return fs.stat(path).directory();
        } catch (FsException e) {
            return false;
        }
    }

    private static boolean on(boolean[] active, int i) {
        return active == null || active[i];
    }

    private static boolean hasPattern(String word, boolean[] active, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = word.charAt(i);
            if (on(active, i) && (c == '*' || c == '?' || (c == '[' && closing(word, i, end) > 0))) {
                return true;
            }
        }
        return false;
    }

    /** Where the bracket expression opened at {@code open} ends, or -1 when it does not (then it is a literal). */
    private static int closing(String word, int open, int end) {
        int i = open + 1;
        if (i < end && (word.charAt(i) == '!' || word.charAt(i) == '^')) {
            i++;
        }
        if (i < end && word.charAt(i) == ']') {
            i++;
        }
        while (i < end && word.charAt(i) != ']') {
            i++;
        }
        return i < end ? i : -1;
    }

    private static Pattern regex(String word, boolean[] active, int from, int end) {
        StringBuilder re = new StringBuilder();
        for (int i = from; i < end; i++) {
            char c = word.charAt(i);
            if (!on(active, i)) {
                re.append(Pattern.quote(String.valueOf(c)));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && closing(word, i, end) > 0) {
                int close = closing(word, i, end);
                int j = i + 1;
                re.append('[');
                if (word.charAt(j) == '!' || word.charAt(j) == '^') {
                    re.append('^');
                    j++;
                }
                for (; j < close; j++) {
                    char m = word.charAt(j);
                    re.append(m == '-' && j > i + 1 && j + 1 < close ? "-"
                            : Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
