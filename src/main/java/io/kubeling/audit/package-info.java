/**
 * kube-apiserver's audit log: the {@code audit.k8s.io/v1} policy that sets each request's level, the events a
 * request makes at each stage, and the writer that appends them as JSON lines off the request threads.
 */
package io.kubeling.audit;
