package io.kubeling.controllers.autoscaling;

import io.fabric8.kubernetes.api.model.Quantity;

/** resource.NewMilliQuantity(v, DecimalSI) as kube writes it: the largest SI suffix that keeps the number whole. */
final class MilliQuantity {

    private static final String[] SUFFIXES = {"m", "", "k", "M", "G", "T", "P", "E"};

    private MilliQuantity() {
    }

    static Quantity of(long milli) {
        if (milli == 0) {
            return new Quantity("0");
        }
        long value = milli;
        int i = 0;
        while (value % 1000 == 0 && i < SUFFIXES.length - 1) {
            value /= 1000;
            i++;
        }
        return new Quantity(value + SUFFIXES[i]);
    }
}
