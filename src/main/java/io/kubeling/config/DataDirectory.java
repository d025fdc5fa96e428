package io.kubeling.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The data directory holds the database, the kubeconfig and the encryption keys: only the user who
 * runs the server may read it. It is created 0700 before anything opens the database, and the
 * database's files are made 0600 once the database has created them (the directory keeps others
 * out in between).
 */
@Component
class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware, ApplicationListener<ContextRefreshedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private Path directory = Path.of("./data");

    @Override
    public void setEnvironment(Environment environment) {
        directory = Binder.get(environment).bind("kubeling.data-dir", Path.class).orElse(directory);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        create(directory);
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        restrictDatabaseFiles(directory);
    }

    /** Creates the directory owner-only; one that exists is left as it is, with a warning if others may read it. */
    static void create(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                if (posix(directory) && Files.getPosixFilePermissions(directory).stream()
                        .anyMatch(p -> !p.name().startsWith("OWNER"))) {
                    log.warn("the data directory {} may be read by other users than its owner", directory);
                }
                return;
            }
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix(parent == null ? directory.toAbsolutePath().getRoot() : parent)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                // the umask may have taken bits away, never added any; set exactly
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
    }

    /** The embedded database's files ({@code kubeling.*.db}) become 0600. */
    static void restrictDatabaseFiles(Path directory) {
        if (!Files.isDirectory(directory) || !posix(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("kubeling\\..*db"))
                    .filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            log.warn("could not make the database files in {} private: {}", directory, e.getMessage());
        }
    }

    static boolean posix(Path path) {
        return path != null && Files.exists(path)
                && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
