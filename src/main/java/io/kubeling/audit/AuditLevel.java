package io.kubeling.audit;

/** How much of a request the audit log records, as audit.k8s.io/v1 Level, from nothing to both bodies. */
public enum AuditLevel {
    None, Metadata, Request, RequestResponse;

    public boolean atLeast(AuditLevel other) {
        return compareTo(other) >= 0;
    }
}
