package io.kubeling.controllers.kubelet.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ContainerFsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ContainerFs fs(FileTree root) {
        return new ContainerFs(root, () -> 0L);
    }

    @Test
    void filesAndDirectoriesWithTheErrorsTheToolsPrint() throws Exception {
        ContainerFs fs = fs(new FileTree(1 << 20, 0));
        fs.mkdirs("/usr/share/nginx/html");
        fs.write("/usr/share/nginx/html/index.html", bytes("hi\n"), false);
        fs.write("/usr/share/nginx/html/index.html", bytes("there\n"), true);
        assertThat(new String(fs.read("/usr/share/nginx/html/../html/./index.html"), StandardCharsets.UTF_8))
                .isEqualTo("hi\nthere\n");
        assertThat(fs.list("/usr/share/nginx/html")).containsExactly("index.html");
        assertThatThrownBy(() -> fs.read("/nope")).hasMessage("No such file or directory");
        assertThatThrownBy(() -> fs.write("/nope/file", bytes("x"), false)).hasMessage("No such file or directory");
        assertThatThrownBy(() -> fs.read("/usr")).hasMessage("Is a directory");
        assertThatThrownBy(() -> fs.mkdir("/usr")).hasMessage("File exists");
        assertThatThrownBy(() -> fs.removeEmptyDir("/usr/share")).hasMessage("Directory not empty");
        fs.rename("/usr/share/nginx/html/index.html", "/tmp-index");
        assertThat(fs.exists("/usr/share/nginx/html/index.html")).isFalse();
        assertThat(fs.read("/tmp-index")).hasSize(9);
        fs.remove("/usr", true);
        assertThat(fs.exists("/usr/share")).isFalse();
        assertThat(ContainerFs.normalize("/a/b", "../c//d/.")).isEqualTo("/a/c/d");
        // an absolute path already in normal form is taken as it is; any other is resolved
        assertThat(ContainerFs.normalize("/x", "/a/.b/..c")).isEqualTo("/a/.b/..c");
        assertThat(ContainerFs.normalize("/x", "/a/b/")).isEqualTo("/a/b");
        assertThat(ContainerFs.normalize("/x", "/a/./b/..")).isEqualTo("/a");
        assertThat(ContainerFs.normalize("/x", "/..")).isEqualTo("/");
        assertThat(ContainerFs.normalize("/x", "//a")).isEqualTo("/a");
        assertThat(ContainerFs.normalize("/x", "/")).isEqualTo("/");
        assertThat(ContainerFs.normalize("/x", "a/b")).isEqualTo("/x/a/b");
        assertThat(fs.read("//tmp-index/")).hasSize(9);
    }

    @Test
    void aVolumeIsSharedByTheContainersThatMountItAndOutlivesTheirLayers() throws Exception {
        FileTree shared = new FileTree(1 << 20, 0);
        ContainerFs nginx = fs(new FileTree(1 << 20, 0));
        nginx.mount("/usr/share/nginx/html", shared, false);
        ContainerFs debian = fs(new FileTree(1 << 20, 0));
        debian.mount("/pod-data", shared, false);
        debian.write("/pod-data/index.html", bytes("Hello from the debian container\n"), false);
        assertThat(new String(nginx.read("/usr/share/nginx/html/index.html"), StandardCharsets.UTF_8))
                .isEqualTo("Hello from the debian container\n");
        assertThat(debian.list("/")).contains("pod-data");
        assertThatThrownBy(() -> debian.remove("/pod-data", true)).hasMessage("Resource busy");

        ContainerFs restarted = fs(new FileTree(1 << 20, 0));
        restarted.mount("/pod-data", shared, false);
        assertThat(restarted.exists("/pod-data/index.html")).isTrue();

        debian.write("/layer-only", bytes("x"), false);
        debian.rename("/pod-data/index.html", "/moved");
        assertThat(nginx.exists("/usr/share/nginx/html/index.html")).isFalse();
        assertThat(debian.exists("/moved")).isTrue();
    }

    @Test
    void readOnlyMountsSubPathsAndTheSizeCap() throws Exception {
        FileTree config = new FileTree(1 << 20, 0);
        fs(config).write("/app.conf", bytes("a=1\n"), false);
        ContainerFs fs = fs(new FileTree(10, 0));
        fs.mount("/etc/app", config, true);
        assertThat(fs.read("/etc/app/app.conf")).hasSize(4);
        assertThatThrownBy(() -> fs.write("/etc/app/app.conf", bytes("b"), false)).hasMessage("Read-only file system");

        fs.write("/small", bytes("0123456789"), false);
        assertThatThrownBy(() -> fs.write("/more", bytes("x"), false)).hasMessage("No space left on device");
        fs.remove("/small", false);
        fs.write("/more", bytes("x"), false);

        FileTree volume = new FileTree(1 << 20, 0);
        ContainerFs a = fs(new FileTree(1 << 20, 0));
        a.mount("/data", volume, "site/html", false);
        a.write("/data/index.html", bytes("sub"), false);
        assertThat(fs(volume).read("/site/html/index.html")).hasSize(3);
    }
}
