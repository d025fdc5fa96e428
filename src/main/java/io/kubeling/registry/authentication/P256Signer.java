package io.kubeling.registry.authentication;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Set;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * ES256 signatures made with Bouncy Castle's P-256 arithmetic (its fixed-point comb over the generator) rather than
 * the JDK's: the JDK 17 provider multiplies the generator afresh for every signature, some four times the work, and
 * the kubelet has a token signed for every pod it starts. The signature is JOSE's, r and s of 32 bytes each.
 */
final class P256Signer implements JWSSigner {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH());
    private static final int HALF = 32;

    private final ECPrivateKeyParameters key;
    private final SecureRandom random = new SecureRandom();
    private final JCAContext context = new JCAContext();

    P256Signer(ECPrivateKey key) {
        this.key = new ECPrivateKeyParameters(key.getS(), DOMAIN);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("unsupported algorithm " + header.getAlgorithm());
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(signingInput);
        } catch (NoSuchAlgorithmException e) {
            throw new JOSEException("no SHA-256", e);
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(key, random));
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] out = new byte[2 * HALF];
        put(rs[0], out, 0);
        put(rs[1], out, HALF);
        return Base64URL.encode(out);
    }

    /** The value big-endian in 32 bytes, without the sign byte BigInteger may add. */
    private static void put(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, HALF);
        System.arraycopy(bytes, bytes.length - length, out, offset + HALF - length, length);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return context;
    }
}
