package io.kubeling.resources.common;

/** Go's string functions where their idea of a character class differs from Java's. */
public final class GoText {

    private GoText() {
    }

    /** strings.TrimSpace: trims what unicode.IsSpace calls space, which includes no-break spaces and NEL. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** unicode.IsSpace: the ASCII white space controls, NEL, and Unicode space separators. */
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85 -> true;
            default -> Character.isSpaceChar(c);
        };
    }
}
