package io.kubeling.registry;

/** One column of server-side printing, as meta/v1 TableColumnDefinition: priority 0 shows by default, 1 with -o wide. */
public record TableColumn(String name, String type, String format, String description, int priority) {
}
