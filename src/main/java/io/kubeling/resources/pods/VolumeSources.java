package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Volume;

/**
 * The source kinds a volume may name, in the order kube's validateVolumeSource checks them, with
 * the path kube reports "may not specify more than 1 volume type" at (kube's spellings kept).
 */
final class VolumeSources {

    record Source(String field, String forbiddenPath, Function<Volume, Object> get) {
    }

    record Present(Source source, Object value) {
    }

    static final List<Source> ALL = List.of(
            new Source("emptyDir", "emptyDir", Volume::getEmptyDir),
            new Source("hostPath", "hostPath", Volume::getHostPath),
            new Source("gitRepo", "gitRepo", Volume::getGitRepo),
            new Source("gcePersistentDisk", "gcePersistentDisk", Volume::getGcePersistentDisk),
            new Source("awsElasticBlockStore", "awsElasticBlockStore", Volume::getAwsElasticBlockStore),
            new Source("secret", "secret", Volume::getSecret),
            new Source("nfs", "nfs", Volume::getNfs),
            new Source("iscsi", "iscsi", Volume::getIscsi),
            new Source("glusterfs", "glusterfs", Volume::getGlusterfs),
            new Source("flocker", "flocker", Volume::getFlocker),
            new Source("persistentVolumeClaim", "persistentVolumeClaim", Volume::getPersistentVolumeClaim),
            new Source("rbd", "rbd", Volume::getRbd),
            new Source("cinder", "cinder", Volume::getCinder),
            new Source("cephfs", "cephFS", Volume::getCephfs),
            new Source("quobyte", "quobyte", Volume::getQuobyte),
            new Source("downwardAPI", "downwarAPI", Volume::getDownwardAPI),
            new Source("fc", "fc", Volume::getFc),
            new Source("flexVolume", "flexVolume", Volume::getFlexVolume),
            new Source("configMap", "configMap", Volume::getConfigMap),
            new Source("azureFile", "azureFile", Volume::getAzureFile),
            new Source("vsphereVolume", "vsphereVolume", Volume::getVsphereVolume),
            new Source("photonPersistentDisk", "photonPersistentDisk", Volume::getPhotonPersistentDisk),
            new Source("portworxVolume", "portworxVolume", Volume::getPortworxVolume),
            new Source("azureDisk", "azureDisk", Volume::getAzureDisk),
            new Source("storageos", "storageos", Volume::getStorageos),
            new Source("projected", "projected", Volume::getProjected),
            new Source("scaleIO", "scaleIO", Volume::getScaleIO),
            new Source("csi", "csi", Volume::getCsi),
            new Source("ephemeral", "ephemeral", Volume::getEphemeral),
            new Source("image", "image", Volume::getImage));

    private VolumeSources() {
    }

    static List<Present> present(Volume v) {
        List<Present> out = new ArrayList<>();
        for (Source s : ALL) {
            Object value = s.get().apply(v);
            if (value != null) {
                out.add(new Present(s, value));
            }
        }
        return out;
    }
}
