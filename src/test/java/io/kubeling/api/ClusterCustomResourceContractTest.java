package io.kubeling.api;

/** The contract on a cluster-scoped resource a CRD defines. */
class ClusterCustomResourceContractTest extends CustomResourceContract {

    @Override
    String resource() {
        return "clustertabs";
    }

    @Override
    String kind() {
        return "ClusterTab";
    }

    @Override
    boolean namespaced() {
        return false;
    }
}
