package io.kubeling.controllers.kubelet.shell;

import java.util.List;
import java.util.function.UnaryOperator;

/** A shell word: literal text and variable references, expanded when the command runs. */
public record Word(List<Part> parts) {

    /** A word of literal text only. */
    public static Word literal(String text) {
        return new Word(List.of(new Part(text, false)));
    }

    /** The unquoted literal text of a keyword, or null when the word has quotes or variables. */
    String keyword() {
        return parts.size() == 1 && !parts.get(0).variable() && !parts.get(0).quoted() ? parts.get(0).text() : null;
    }

    /** The word with its variables replaced through {@code lookup}. */
    public String expand(UnaryOperator<String> lookup) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.variable() ? lookup.apply(part.text()) : part.text());
        }
        return out.toString();
    }

    /** Literal text, or a variable's name when {@code variable}; {@code quoted} when it came from quotes. */
    public record Part(String text, boolean variable, boolean quoted) {

        Part(String text, boolean variable) {
            this(text, variable, false);
        }
    }
}
