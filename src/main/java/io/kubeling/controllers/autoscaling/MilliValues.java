package io.kubeling.controllers.autoscaling;

import java.math.RoundingMode;

import io.fabric8.kubernetes.api.model.Quantity;

/** Quantity.MilliValue: the amount in thousandths, rounded up. */
final class MilliValues {

    private MilliValues() {
    }

    static long of(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).movePointRight(3).setScale(0, RoundingMode.CEILING).longValue();
    }
}
