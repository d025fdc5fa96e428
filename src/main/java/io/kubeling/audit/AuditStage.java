package io.kubeling.audit;

/** When in a request's life an audit event is written, as audit.k8s.io/v1 Stage. */
public enum AuditStage {
    RequestReceived, ResponseStarted, ResponseComplete, Panic
}
