package io.kubeling.controllers.kubelet;

import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/**
 * The servers the well-known web server images run: nginx on 80 (8080 unprivileged) and httpd on
 * 80, each serving its image's default page over HTTP/1.1 and writing its access log line to the
 * container's log, as nginx writes it to stdout.
 */
@Component
class ImagePortServers implements PortServers {

    @Override
    public Connection connect(PodWorker worker, int port, Consumer<byte[]> toClient, Runnable onClose) {
        for (ContainerRun c : worker.apps) {
            if (!c.running()) {
                continue;
            }
            ImageName image = ImageName.parse(c.spec.getImage());
            SimulatedHttpServer.Flavour flavour = image == null ? null : switch (image.shortName()) {
                case "nginx" -> port == 80 ? SimulatedHttpServer.Flavour.NGINX : null;
                case "nginx-unprivileged" -> port == 8080 ? SimulatedHttpServer.Flavour.NGINX : null;
                case "httpd" -> port == 80 ? SimulatedHttpServer.Flavour.HTTPD : null;
                default -> null;
            };
            if (flavour != null) {
                ContainerLogs.Instance log = c.log;
                String version = image.tag() == null || image.tag().equals("latest") ? null : image.tag();
                return new SimulatedHttpServer(flavour, version, worker.node.time()::now, toClient, onClose,
                        line -> {
                            if (log != null) {
                                log.write(line + "\n", worker.node.time().now());
                            }
                        });
            }
        }
        return null;
    }
}
