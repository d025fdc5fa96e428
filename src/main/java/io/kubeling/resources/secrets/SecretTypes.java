package io.kubeling.resources.secrets;

/** The secret types kube knows and the data keys and annotation it checks for them. */
final class SecretTypes {

    static final String OPAQUE = "Opaque";
    static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
    static final String DOCKERCFG = "kubernetes.io/dockercfg";
    static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    static final String BASIC_AUTH = "kubernetes.io/basic-auth";
    static final String SSH_AUTH = "kubernetes.io/ssh-auth";
    static final String TLS = "kubernetes.io/tls";

    static final String SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";
    static final String DOCKERCFG_KEY = ".dockercfg";
    static final String DOCKER_CONFIG_JSON_KEY = ".dockerconfigjson";
    static final String USERNAME_KEY = "username";
    static final String PASSWORD_KEY = "password";
    static final String SSH_PRIVATE_KEY = "ssh-privatekey";
    static final String TLS_CERT_KEY = "tls.crt";
    static final String TLS_PRIVATE_KEY = "tls.key";

    private SecretTypes() {
    }
}
