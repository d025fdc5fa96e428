package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.kubeling.KubelingApplication;
import io.kubeling.support.ServerOfItsOwn;

/** The database and the kubeconfig are the user's alone: 0600 files in a 0700 data directory. */
@ServerOfItsOwn
class DataDirectoryTest {

    @TempDir
    Path tmp;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDataDirectoryIsTheOwnersAlone() throws Exception {
        Path dir = tmp.resolve("nested/data");
        DataDirectory.create(dir);
        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void anExistingDirectoryIsLeftAsItIs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataDirectory.create(dir);
        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void theDatabaseFilesBecomeTheOwnersAlone() throws Exception {
        Path db = Files.createFile(tmp.resolve("kubeling.mv.db"));
        Path other = Files.createFile(tmp.resolve("notes.txt"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));
        DataDirectory.restrictDatabaseFiles(tmp);
        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(mode(other)).isEqualTo("rw-r--r--");
    }

    @Test
    void aServerStartedOnAFreshDataDirectoryKeepsItPrivate() throws Exception {
        Path dir = tmp.resolve("data");
        try (ConfigurableApplicationContext context = SpringApplication.run(KubelingApplication.class,
                "--server.port=0", "--kubeling.data-dir=" + dir, "--kubeling.simulation.enabled=false",
                "--logging.level.root=WARN")) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("kubeling.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("kubeconfig"))).isEqualTo("rw-------");
        }
    }
}
