package io.kubeling.controllers.kubelet;

/** Why the simulated registries refuse a pull, in containerd's words as the kubelet reports them. */
final class PullErrors {

    private PullErrors() {
    }

    /** The error for an image the catalogue does not hold, or null when the pull succeeds. */
    static String of(ImageCatalog.Lookup lookup, ImageName name) {
        String full = name.full();
        return switch (lookup.answer()) {
            case FOUND, UNKNOWN_REGISTRY -> null;
            case NO_REPOSITORY -> "rpc error: code = Unknown desc = failed to pull and unpack image \"" + full
                    + "\": failed to resolve reference \"" + full + "\": pull access denied, repository does not "
                    + "exist or may require authorization: server message: insufficient_scope: authorization failed";
            case NO_TAG -> "rpc error: code = NotFound desc = failed to pull and unpack image \"" + full
                    + "\": failed to resolve reference \"" + full + "\": " + full + ": not found";
        };
    }
}
