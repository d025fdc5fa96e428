/** The HTTP connector: Jetty's HTTP/1.1 connections with kube-apiserver's bounds on time, and bounds per client. */
package io.kubeling.api.connector;
