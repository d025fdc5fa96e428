package io.kubeling.audit;

import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server's one audit log and policy ({@code kubeling.audit.log-path}, {@code kubeling.audit.policy-file}, as
 * kube's --audit-log-path and --audit-policy-file), shared by the requests clients send and the writes the
 * simulated components make. Off (no log path, or no policy, as kube-apiserver) it records nothing.
 */
@Component
public final class AuditBackend implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(AuditBackend.class);

    private final AuditPolicy policy;
    private final AuditLog log;
    private final Clock clock;

    @Autowired
    AuditBackend(@Value("${kubeling.audit.log-path:}") String logPath,
            @Value("${kubeling.audit.policy-file:}") String policyFile,
            @Value("${kubeling.audit.buffer-size:10000}") int bufferSize) {
        this(on(logPath, policyFile) ? AuditPolicy.load(Path.of(policyFile)) : null,
                on(logPath, policyFile) ? AuditLog.open(logPath, bufferSize) : null, Clock.systemUTC());
    }

    public AuditBackend(AuditPolicy policy, AuditLog log, Clock clock) {
        this.policy = policy;
        this.log = log;
        this.clock = clock;
    }

    private static boolean on(String logPath, String policyFile) {
        if (logPath.isEmpty()) {
            return false;
        }
        if (policyFile.isEmpty()) {
            LOG.info("No audit policy file provided, no events will be recorded");
            return false;
        }
        return true;
    }

    /** Whether anything is recorded. */
    public boolean on() {
        return log != null;
    }

    public AuditPolicy policy() {
        return policy;
    }

    public AuditLog log() {
        return log;
    }

    public Clock clock() {
        return clock;
    }

    /** Writes {@code event} as at {@code stage}, unless the policy leaves that stage out. */
    public void write(AuditEvent event, AuditPolicy.Config config, AuditStage stage) {
        if (!config.omitStages().contains(stage)) {
            log.write(event.at(stage, clock.instant()).toString());
        }
    }

    @Override
    public void destroy() {
        if (log != null) {
            log.close();
        }
    }
}
