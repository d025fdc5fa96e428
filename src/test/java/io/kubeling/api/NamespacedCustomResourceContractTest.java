package io.kubeling.api;

/** The contract on a namespaced resource a CRD defines. */
class NamespacedCustomResourceContractTest extends CustomResourceContract {

    @Override
    String resource() {
        return "crontabs";
    }

    @Override
    String kind() {
        return "CronTab";
    }
}
