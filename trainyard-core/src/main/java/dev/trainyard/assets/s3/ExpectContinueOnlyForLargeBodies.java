package dev.trainyard.assets.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The S3 client asks for {@code Expect: 100-continue} on every body, so each PutObject waits one
 * round trip for the server's go-ahead before it sends a byte. That wait pays off only when a body is
 * large enough that sending it in vain (a refused signature, a redirect) costs more than the round
 * trip; for the small icons that make up most asset trees it doubled the exchanges per file. Like the
 * Go SDK, keep the handshake from 2 MiB up only.
 */
final class ExpectContinueOnlyForLargeBodies implements ExecutionInterceptor {
  static final long THRESHOLD = 2L * 1024 * 1024;

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkHttpRequest request = context.httpRequest();
    if (request.firstMatchingHeader("Expect").isEmpty()) {
      return request;
    }
    long length = request.firstMatchingHeader("Content-Length").map(ExpectContinueOnlyForLargeBodies::parse).orElse(-1L);
    if (length < 0 || length >= THRESHOLD) {
      return request;
    }
    return request.toBuilder().removeHeader("Expect").build();
  }

  private static long parse(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
