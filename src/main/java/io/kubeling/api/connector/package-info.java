/** The HTTP connector: Tomcat's NIO protocol with bounds per client. */
package io.kubeling.api.connector;
