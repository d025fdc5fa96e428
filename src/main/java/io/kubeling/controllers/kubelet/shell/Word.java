package io.kubeling.controllers.kubelet.shell;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A shell word: literal text, variable references and command substitutions, expanded when the command runs. */
public record Word(List<Part> parts) {

    /** A word of literal text only. */
    public static Word literal(String text) {
        return new Word(List.of(new Part(text, false)));
    }

    /** The unquoted literal text of a keyword, or null when the word has quotes or variables. */
    String keyword() {
        return parts.size() == 1 && !parts.get(0).variable() && !parts.get(0).quoted() && parts.get(0).command() == null
                && !parts.get(0).arithmetic() ? parts.get(0).text() : null;
    }

    /** The word with its variables replaced through {@code lookup}; a command substitution gives nothing. */
    public String expand(UnaryOperator<String> lookup) {
        return expand(lookup, part -> "");
    }

    /** The word with its variables replaced through {@code lookup} and its command substitutions by their output. */
    public String expand(UnaryOperator<String> lookup, Function<Part, String> substituted) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.command() != null ? substituted.apply(part)
                    : part.arithmetic() ? Long.toString(Arithmetic.evaluate(part.text(), lookup))
                    : part.variable() ? lookup.apply(part.text()) : part.text());
        }
        return out.toString();
    }

    /** Whether an unquoted expansion (a variable or a command's output) splits this word on blanks. */
    boolean splits() {
        return parts.stream().anyMatch(p -> (p.variable() || p.command() != null || p.arithmetic()) && !p.quoted());
    }

    /**
     * Literal text, or a variable's name when {@code variable}, or a command whose output replaces it
     * ({@code $(...)}, backquotes); {@code quoted} when it came from quotes.
     */
    public record Part(String text, boolean variable, boolean quoted, ShellNode command, boolean arithmetic) {

        public Part(String text, boolean variable, boolean quoted, ShellNode command) {
            this(text, variable, quoted, command, false);
        }

        Part(String text, boolean variable, boolean quoted) {
            this(text, variable, quoted, null);
        }

        Part(String text, boolean variable) {
            this(text, variable, false, null);
        }

        /** {@code $((text))}, whose value is the expression's. */
        static Part arithmetic(String text, boolean quoted) {
            return new Part(text, false, quoted, null, true);
        }
    }
}
