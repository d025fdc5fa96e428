package io.kubeling.api;

/** The body encodings served: JSON and YAML. */
enum WireFormat {
    JSON("application/json"),
    YAML("application/yaml");

    private final String mediaType;

    WireFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }
}
