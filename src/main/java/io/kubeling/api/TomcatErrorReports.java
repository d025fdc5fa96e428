package io.kubeling.api;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.stereotype.Component;

/** Installs {@link StatusErrorReportValve} as the host's error report valve. */
@Component
class TomcatErrorReports implements TomcatContextCustomizer {

    @Override
    public void customize(org.apache.catalina.Context context) {
        if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(StatusErrorReportValve.class.getName());
        }
    }
}
