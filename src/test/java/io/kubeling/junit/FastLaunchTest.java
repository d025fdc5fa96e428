package io.kubeling.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastLaunchTest {

    @TempDir
    Path dir;

    @Test
    void anExtractedLayoutsJarRunsInPlaceWithTheArchiveTheBuildTrained() throws IOException {
        Path jar = layout("kubeling.jar");
        Path built = Files.writeString(dir.resolve("kubeling.jsa"), "archive");

        FastLaunch.Launch launch = FastLaunch.of(jar);

        assertThat(launch.command()).containsExactly("-XX:SharedArchiveFile=" + built.toAbsolutePath(),
                "-Dspring.aot.enabled=true", "-jar", jar.toString());
        assertThat(launch.trains()).isFalse();
    }

    @Test
    void anExtractedLayoutWithoutAnArchiveTrainsOneForTheNextStart() throws IOException {
        Path jar = layout("app.jar");

        FastLaunch.Launch first = FastLaunch.of(jar);
        assertThat(first.trains()).isTrue();
        String dump = first.command().get(0);
        assertThat(dump).startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(first.command()).endsWith("-jar", jar.toString());
        Files.writeString(Path.of(dump.substring(dump.indexOf('=') + 1)), "archive");
        first.stopped(0);

        FastLaunch.Launch second = FastLaunch.of(jar);
        assertThat(second.trains()).isFalse();
        assertThat(second.command().get(0)).isEqualTo("-XX:SharedArchiveFile=" + first.archive());
        assertThat(first.archive().getParent()).isEqualTo(dir.toAbsolutePath());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("training-"));
        }
    }

    @Test
    void aFatJarOrAJarWithoutItsLibrariesIsNoLayout() throws IOException {
        Path fat = jar(dir.resolve("fat.jar"), "Spring-Boot-Lib", "BOOT-INF/lib/");
        Files.createDirectories(dir.resolve("lib"));
        assertThat(FastLaunch.extracted(fat)).isFalse();

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertThat(FastLaunch.extracted(jar(elsewhere.resolve("app.jar"), "Class-Path", "lib/a.jar"))).isFalse();
        assertThat(FastLaunch.extracted(Files.writeString(dir.resolve("not-a.jar"), "text"))).isFalse();
    }

    private Path layout(String name) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        return jar(dir.resolve(name), "Class-Path", "lib/a.jar lib/b.jar");
    }

    private static Path jar(Path path, String attribute, String value) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.kubeling.KubelingApplication");
        manifest.getMainAttributes().putValue(attribute, value);
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return path;
    }
}
