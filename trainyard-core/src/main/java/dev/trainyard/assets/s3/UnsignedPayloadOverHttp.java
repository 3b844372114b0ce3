package dev.trainyard.assets.s3;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 for plain-HTTP S3-compatible endpoints without hashing every body. Over HTTP the SDK always
 * signs the payload (SHA-256 of every byte, per chunk), which made that hashing the largest CPU cost
 * of an upload. Every body we send already carries a Content-MD5 header, which is signed and which
 * the server checks, so the body stays tamper-evident with {@code UNSIGNED-PAYLOAD}, exactly as it is
 * over HTTPS. The scheme is not part of the canonical request, so signing the request as if it were
 * HTTPS and sending it over HTTP yields a valid signature.
 */
final class UnsignedPayloadOverHttp implements AwsV4AuthScheme {
  private final AwsV4AuthScheme standard = AwsV4AuthScheme.create();
  private final AwsV4HttpSigner signer = new Signer(standard.signer());

  @Override
  public String schemeId() {
    return standard.schemeId();
  }

  @Override
  public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
    return standard.identityProvider(providers);
  }

  @Override
  public AwsV4HttpSigner signer() {
    return signer;
  }

  private static final class Signer implements AwsV4HttpSigner {
    private final AwsV4HttpSigner delegate;

    Signer(AwsV4HttpSigner delegate) {
      this.delegate = delegate;
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
      if (!"http".equals(request.request().protocol())) {
        return delegate.sign(request);
      }
      SignedRequest signed = delegate.sign(request.copy(b -> b.request(withProtocol(request.request(), "https"))));
      return signed.copy(b -> b.request(withProtocol(signed.request(), "http")));
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
      // Only the sync client is used; keep the SDK's behaviour for any async use.
      return delegate.signAsync(request);
    }

    private static SdkHttpRequest withProtocol(SdkHttpRequest request, String protocol) {
      // Keep the port explicit so the signed Host header is the one sent over HTTP.
      return request.toBuilder().protocol(protocol).port(request.port()).build();
    }
  }
}
