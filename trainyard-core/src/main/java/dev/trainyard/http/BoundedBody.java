package dev.trainyard.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit. A body over the limit is not read further: the connection is
 * dropped as soon as the declared length or the bytes received pass it, so a misconfigured endpoint
 * that streams a large file costs at most the limit.
 *
 * @param bytes the bytes read, at most {@code limit}
 * @param exceeded true when the body was longer than the limit (and {@code bytes} is cut short)
 */
public record BoundedBody(byte[] bytes, boolean exceeded) {

  /** A body handler that keeps at most {@code limit} bytes. */
  public static HttpResponse.BodyHandler<BoundedBody> handler(long limit) {
    return info -> {
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      return new Subscriber(limit, declared > limit);
    };
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedBody> {
    private final long limit;
    private final boolean declaredTooLong;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<BoundedBody> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(long limit, boolean declaredTooLong) {
      this.limit = limit;
      this.declaredTooLong = declaredTooLong;
    }

    @Override
    public CompletionStage<BoundedBody> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (declaredTooLong) {
        subscription.cancel();
        result.complete(new BoundedBody(new byte[0], true));
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        int room = (int) Math.min(Integer.MAX_VALUE, limit - received.size());
        if (buffer.remaining() > room) {
          byte[] part = new byte[room];
          buffer.get(part);
          received.writeBytes(part);
          subscription.cancel();
          result.complete(new BoundedBody(received.toByteArray(), true));
          return;
        }
        byte[] all = new byte[buffer.remaining()];
        buffer.get(all);
        received.writeBytes(all);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(new BoundedBody(received.toByteArray(), false));
    }
  }
}
