package io.kubeling.resources.nodes;

import io.fabric8.kubernetes.api.model.Taint;

/** Taints written as {@code kubectl taint} takes them: {@code key=value:Effect} or {@code key:Effect}. */
public final class TaintText {

    private TaintText() {
    }

    public static Taint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("taint " + text + " has no effect (key=value:Effect)");
        }
        String effect = text.substring(colon + 1);
        String keyValue = text.substring(0, colon);
        int equals = keyValue.indexOf('=');
        Taint taint = new Taint();
        taint.setKey(equals < 0 ? keyValue : keyValue.substring(0, equals));
        taint.setValue(equals < 0 ? null : keyValue.substring(equals + 1));
        taint.setEffect(effect);
        return taint;
    }
}
